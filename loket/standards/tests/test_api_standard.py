"""The published standards through the API (public, no login)."""

from django.test import Client

API = "/api/v1/standards"


def test_it_lists_the_catalogue_without_login(sikts):
    """Anyone can list the services with their current version."""
    response = Client().get(f"{API}/")
    assert response.status_code == 200
    assert response.json()["items"] == [
        {
            "id": sikts.service.pk,
            "office": "dpmptsp-pekanbaru",
            "office_name": sikts.service.office.name,
            "code": "sikts",
            "name": "Surat Izin Kerja Tenaga Sanitarian (SIKTS)",
            "version": 1,
            "version_label": "2024",
        }
    ]
    assert response.json()["has_next"] is False


def test_it_returns_the_whole_standard(sikts):
    """Components, requirements, the nine steps with their times, and the 2-day total."""
    body = Client().get(f"{API}/dpmptsp-pekanbaru/sikts").json()
    assert body["version"] == 1
    assert len(body["components"]) == 14
    legal = next(c for c in body["components"] if c["key"] == "dasar_hukum")
    assert any("25 tahun 2009" in item for item in legal["items"])
    assert [r["code"] for r in body["requirements"]][:2] == ["ijazah", "str"]
    renewal_only = next(r for r in body["requirements"] if r["code"] == "sikts-lama")
    assert renewal_only["applies_to"] == ["perpanjangan"]

    steps = body["steps"]
    assert [s["no"] for s in steps] == list(range(1, 10))
    assert [s["role"] for s in steps] == [
        "front_office",
        "front_office",
        "back_office",
        "jf_ahli_muda",
        "jf_ahli_madya",
        "sekretaris",
        "kepala_dinas",
        "back_office",
        "front_office",
    ]
    assert [s["time"]["minutes"] for s in steps] == [3, 35, 3, 5, 10, 10, 0, 3, 1]
    # 08:00-16:00 is 480 working minutes a day.
    assert steps[6]["time"] == {
        "minutes": 0,
        "working_days": 1,
        "working_minutes": 480,
        "label": "1 hari kerja",
    }
    assert steps[1]["returns_to_applicant"] is True
    assert steps[6]["role_label"] == "Kepala Dinas"
    assert body["total_time"]["working_minutes"] == 960
    assert body["fee"]["amount"] == 0


def test_it_shows_the_version_now_in_force(sikts):
    """Loading a changed standard makes the API show the new version number."""
    from loket.testing import SIKTS_YAML, load_sikts

    text = SIKTS_YAML.read_text(encoding="utf-8").replace(
        "time: {minutes: 35}", "time: {minutes: 30}"
    )
    load_sikts(text)
    body = Client().get(f"{API}/dpmptsp-pekanbaru/sikts").json()
    assert body["version"] == 2
    assert body["steps"][1]["time"]["minutes"] == 30


def test_it_answers_404_for_an_unknown_service(sikts):
    """A wrong office or code is a 404 with a detail message."""
    response = Client().get(f"{API}/dpmptsp-pekanbaru/tidak-ada")
    assert response.status_code == 404
    assert "detail" in response.json()
    assert Client().get(f"{API}/kota-lain/sikts").status_code == 404


def test_it_gives_each_kinds_form_as_json_schema(client, sikts):
    """An integrator reads the service's own questions, per kind, as JSON Schema."""
    body = client.get("/api/v1/standards/dpmptsp-pekanbaru/sikts").json()
    assert body["sector"] == "Kesehatan"
    assert [k["code"] for k in body["kinds"]] == ["baru", "perpanjangan"]
    new, renewal = body["form"]["baru"], body["form"]["perpanjangan"]
    assert "previous_permit_number" not in new["properties"]
    assert "previous_permit_number" in renewal["required"]
    assert new["properties"]["str_valid_until"]["format"] == "date"
    assert new["properties"]["str_number"]["x-personal-data"] is True
    assert new["properties"]["workplace_name"]["maxLength"] == 200
    assert body["requirements"][-2]["applies_to"] == ["perpanjangan"]
    assert body["requirements"][0]["applies_to"] == ["baru", "perpanjangan"]
