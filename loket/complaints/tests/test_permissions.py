from loket.complaints.tests.helpers import web_complaint
from loket.testing import make_applicant


def test_it_shows_a_complainant_only_their_own_complaints(client, office, applicant):
    """A signed-in citizen sees their complaint; another citizen's id finds nothing."""
    from loket.complaints import actions
    from loket.complaints.models import INTERNET

    mine = actions.file_complaint(
        office, actions.Intake(description="Punya saya"), channel=INTERNET, user=applicant.user
    )
    theirs = web_complaint(office, description="Punya orang lain")
    client.force_login(applicant.user)
    assert client.get(f"/pengaduan/{mine.pk}/").status_code == 200
    assert client.get(f"/pengaduan/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/complaints/{theirs.pk}").status_code == 404
    listed = client.get("/api/v1/complaints/").json()["items"]
    assert [c["ticket"] for c in listed] == [mine.ticket]
    other = make_applicant(office, name="Orang Lain")
    client.force_login(other.user)
    assert client.get(f"/pengaduan/{mine.pk}/").status_code == 404
    assert client.get("/pengaduan/buku/").status_code == 404


def test_it_hides_a_confidential_identity_from_all_but_the_handling_officers(
    client, office, officers
):
    """Only pengelola_pengaduan sees a confidential name; pages, register and API hide it."""
    c = web_complaint(office, name="Nama Rahasia", phone="081234567890", confidential=True)
    client.force_login(officers["pengelola_pengaduan"])
    assert "Nama Rahasia" in client.get(f"/pengaduan/{c.pk}/").content.decode()
    assert "Nama Rahasia" in client.get("/pengaduan/buku/").content.decode()
    assert client.get(f"/api/v1/complaints/{c.pk}").json()["complainant"]["name"] == "Nama Rahasia"
    for role in ("kepala_dinas", "kepala_bidang", "sekretaris", "front_office"):
        client.force_login(officers[role])
        page = client.get(f"/pengaduan/{c.pk}/").content.decode()
        assert "Nama Rahasia" not in page and "+6281234567890" not in page, role
        api = client.get(f"/api/v1/complaints/{c.pk}").json()
        assert api["complainant"]["name"] == "Identitas dirahasiakan", role
        if role != "front_office":
            register = client.get("/pengaduan/buku/").content.decode()
            assert "Nama Rahasia" not in register and "dirahasiakan" in register, role
