from loket.complaints import actions
from loket.complaints.models import Complaint
from loket.complaints.tests.helpers import web_complaint
from loket.complaints.tests.test_it_speaks_open311_in_json_and_xml import REQUEST

BASE = "/api/v1/complaints/open311"
REQUEST_FIELDS = REQUEST  # GeoReport v2's field list, kept in one place


def test_it_lists_services_and_their_definition(client, office):
    """services.json and services/{code}.json use the GeoReport v2 field names."""
    services = client.get(f"{BASE}/services.json").json()
    assert {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    } <= set(services[0])
    assert "waktu" in {s["service_code"] for s in services}
    definition = client.get(f"{BASE}/services/waktu.json").json()
    assert definition == {"service_code": "waktu", "attributes": []}
    missing = client.get(f"{BASE}/services/nope.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_it_creates_a_request_form_encoded_without_location(client, office):
    """POST requests.json (form-encoded) files an internet complaint; location optional."""
    response = client.post(
        f"{BASE}/requests.json",
        {
            "service_code": "waktu",
            "description": "Lama sekali.",
            "first_name": "Sri",
            "last_name": "Wahyuni",
            "email": "sri@example.org",
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body[0]) == {"service_request_id", "service_notice", "account_id"}
    c = Complaint.objects.get(ticket=body[0]["service_request_id"])
    assert c.via_open311 and c.name == "Sri Wahyuni" and c.lat is None
    bad = client.post(f"{BASE}/requests.json", {"service_code": "nope", "description": "x"})
    assert bad.status_code == 400 and set(bad.json()[0]) == {"code", "description"}


def test_it_gets_and_lists_requests_with_filters(client, office, officers, outbox):
    """requests/{id}.json and requests.json with status and service_code filters."""
    a = web_complaint(office, type="waktu", description="Publik", lat=0.5, long=101.4)
    b = web_complaint(office, type="biaya", description="Rahasia", confidential=True, name="Siapa")
    a = actions.weigh(a, officers["pengelola_pengaduan"], "ringan", "uji")
    actions.answer(a, officers["pengelola_pengaduan"], "Sudah ditangani.")
    one = client.get(f"{BASE}/requests/{a.ticket}.json").json()
    assert len(one) == 1 and set(one[0]) == REQUEST_FIELDS
    assert one[0]["status"] == "closed" and one[0]["status_notes"] == "Sudah ditangani."
    # Times in Asia/Jakarta with their offset, like the rest of the API.
    assert one[0]["requested_datetime"].endswith("+07:00") and one[0]["lat"] == 0.5
    closed = client.get(f"{BASE}/requests.json?status=closed").json()
    assert [r["service_request_id"] for r in closed] == [a.ticket]
    biaya = client.get(f"{BASE}/requests.json?service_code=biaya").json()
    assert [r["service_request_id"] for r in biaya] == [b.ticket]
    # A confidential complaint's text and place are not published.
    assert biaya[0]["description"] == "" and "Siapa" not in str(biaya)
    by_id = client.get(f"{BASE}/requests.json?service_request_id={b.ticket},{a.ticket}").json()
    assert len(by_id) == 2
    assert client.get(f"{BASE}/requests/ADU-1999-00001.json").status_code == 404
