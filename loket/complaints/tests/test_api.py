import json

from loket.complaints.models import Complaint

API = "/api/v1/complaints"


def _post(client, path, data):
    return client.post(f"{API}{path}", json.dumps(data), content_type="application/json")


def test_it_files_and_tracks_a_complaint_through_the_api(client, office):
    """Public POST returns ticket and tracking code; /track finds it by both."""
    response = _post(client, "/", {"description": "Lewat API", "type": "prosedur"})
    assert response.status_code == 201
    body = response.json()
    found = client.get(f"{API}/track?ticket={body['ticket']}&code={body['tracking_code']}")
    assert found.status_code == 200 and found.json()["status"] == "baru"
    assert client.get(f"{API}/track?ticket={body['ticket']}&code=XXXX").status_code == 404
    bad = _post(client, "/", {"description": ""})
    assert bad.status_code == 422 and "description" in bad.json()["errors"]


def test_it_runs_a_medium_complaint_through_the_api(client, office, officers, outbox):
    """Weigh, coordinate, decide, answer and record delivery by API, with role checks."""
    client.force_login(officers["pengelola_pengaduan"])
    created = _post(
        client, "/", {"description": "Di loket", "channel": "langsung", "name": "Pak A"}
    )
    assert created.status_code == 201
    pk = Complaint.objects.get().pk
    assert _post(client, f"/{pk}/weigh", {"weight": "sedang", "reason": "uji"}).status_code == 200
    assert _post(client, f"/{pk}/answer", {"answer": "x"}).status_code == 409
    client.force_login(officers["kepala_dinas"])
    assert _post(client, f"/{pk}/coordinate", {"note": "Keputusan"}).status_code == 409
    client.force_login(officers["kepala_bidang"])
    assert _post(client, f"/{pk}/coordinate", {"note": "Temuan"}).status_code == 200
    client.force_login(officers["kepala_dinas"])
    decided = _post(client, f"/{pk}/coordinate", {"note": "Keputusan"})
    assert decided.json()["status"] == "siap_dijawab"
    denied = _post(client, f"/{pk}/answer", {"answer": "x"})
    assert denied.status_code == 403 and denied.json()["detail"]
    client.force_login(officers["pengelola_pengaduan"])
    assert _post(client, f"/{pk}/answer", {"answer": "Keputusan"}).status_code == 200
    done = _post(client, f"/{pk}/delivery", {"method": "langsung", "note": "Bertemu di loket."})
    assert done.json()["status"] == "selesai"
    detail = client.get(f"{API}/{pk}").json()
    assert [t["role"] for t in detail["tasks"]] == ["kepala_bidang", "kepala_dinas"]
    register = client.get(f"{API}/register").json()["items"]
    assert register[0]["ticket"] == detail["ticket"]


def test_it_runs_the_report_loop_through_the_api(client, office, officers):
    """Compile, submit, return, recompile, approve by API."""
    client.force_login(officers["pengelola_pengaduan"])
    report = _post(client, "/reports", {"year": 2026, "month": 3}).json()
    rid = report["id"]
    assert _post(client, f"/reports/{rid}/submit", {}).status_code == 200
    client.force_login(officers["sekretaris"])
    back = _post(client, f"/reports/{rid}/review", {"decision": "return", "notes": "Perbaiki"})
    assert back.json()["status"] == "dikembalikan"
    client.force_login(officers["pengelola_pengaduan"])
    _post(client, "/reports", {"year": 2026, "month": 3})
    _post(client, f"/reports/{rid}/submit", {})
    client.force_login(officers["sekretaris"])
    ok = _post(client, f"/reports/{rid}/review", {"decision": "approve"}).json()
    assert ok["status"] == "disetujui" and len(ok["versions"]) == 2


def test_it_requires_a_session_for_officer_endpoints(client, office):
    """Without a login the officer endpoints answer 401."""
    assert client.get(f"{API}/").status_code == 401
    assert client.get(f"{API}/register").status_code == 401
