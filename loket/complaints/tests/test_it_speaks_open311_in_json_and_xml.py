"""Open311 GeoReport v2 conformance, in JSON and in XML (read with lxml, not our code).

Each endpoint answers the spec's field list in both formats, with the same values;
errors are the spec's list of {code, description} in the path's format; coordinates,
media_url and filters are checked; jurisdiction_id is the office code; api_key is an
API client's, counted under the client's own limit and named in the audit trail.
"""

import pytest
from lxml import etree

from loket.apiclients.actions import create_client
from loket.audit.models import AuditEvent
from loket.complaints.models import Complaint
from loket.complaints.tests.helpers import web_complaint

BASE = "/api/v1/complaints/open311"
FORMATS = ["json", "xml"]

# The field lists of http://wiki.open311.org/GeoReport_v2
SERVICE = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
DEFINITION = {"service_code", "attributes"}
REQUEST = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
CREATED = {"service_request_id", "service_notice", "account_id"}
DISCOVERY = {"changeset", "contact", "key_service", "endpoints"}
ENDPOINT = {"specification", "url", "changeset", "type", "formats"}


def _xml(response):
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def _items(response, fmt, root, item):
    """The list of an answer as dicts of text, whatever its format."""
    if fmt == "json":
        return response.json()
    tree = _xml(response)
    assert tree.tag == root
    assert all(child.tag == item for child in tree)
    return [{field.tag: field.text or "" for field in child} for child in tree]


def _errors(response, fmt):
    if fmt == "json":
        return response.json()
    tree = _xml(response)
    assert tree.tag == "errors" and [e.tag for e in tree] == ["error"] * len(tree)
    return [
        {"code": int(e.findtext("code")), "description": e.findtext("description")} for e in tree
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_publishes_the_discovery_document(client, office, fmt):
    """discovery.{format} names the spec, the endpoint and both formats."""
    response = client.get(f"{BASE}/discovery.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        body = response.json()
        assert set(body) == DISCOVERY and set(body["endpoints"][0]) == ENDPOINT
        endpoint = body["endpoints"][0]
        formats = endpoint["formats"]
    else:
        tree = _xml(response)
        assert tree.tag == "discovery" and {c.tag for c in tree} == DISCOVERY
        endpoint = {c.tag: c for c in tree.find("endpoints").find("endpoint")}
        assert set(endpoint) == ENDPOINT
        formats = [f.text for f in endpoint["formats"]]
        endpoint = {k: v.text for k, v in endpoint.items()}
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith(f"{BASE}/")
    assert set(formats) == {"text/xml", "application/json"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_lists_services_and_definitions_with_the_spec_fields(client, office, fmt):
    """services.{format} and services/{code}.{format} carry exactly the spec's fields."""
    services = _items(client.get(f"{BASE}/services.{fmt}"), fmt, "services", "service")
    assert services and all(set(s) == SERVICE for s in services)
    assert {"service_code": "waktu", "service_name": "Waktu penyelesaian"}.items() <= next(
        s for s in services if s["service_code"] == "waktu"
    ).items()
    response = client.get(f"{BASE}/services/waktu.{fmt}")
    if fmt == "json":
        assert set(response.json()) == DEFINITION
    else:
        tree = _xml(response)
        assert tree.tag == "service_definition" and {c.tag for c in tree} == DEFINITION
        assert tree.findtext("service_code") == "waktu"
    missing = client.get(f"{BASE}/services/nope.{fmt}")
    assert missing.status_code == 404
    assert _errors(missing, fmt) == [{"code": 404, "description": "service_code not found"}]


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_files_a_request_and_returns_it_with_its_media_url(client, office, fmt):
    """POST requests.{format} stores the request with media_url and coordinates; the
    request then reads back with the spec's fields in the same format."""
    response = client.post(
        f"{BASE}/requests.{fmt}",
        {
            "jurisdiction_id": office.code,
            "service_code": "waktu",
            "description": "Antrean lama sekali.",
            "lat": "0.51",
            "long": "101.44",
            "media_url": "https://foto.example.org/antrean.jpg",
        },
    )
    assert response.status_code == 201
    (created,) = _items(response, fmt, "service_requests", "request")
    assert set(created) == CREATED
    ticket = created["service_request_id"]
    stored = Complaint.objects.get(ticket=ticket)
    assert stored.media_url == "https://foto.example.org/antrean.jpg" and stored.lat == 0.51
    (read,) = _items(
        client.get(f"{BASE}/requests/{ticket}.{fmt}", {"jurisdiction_id": office.code}),
        fmt,
        "service_requests",
        "request",
    )
    assert set(read) == REQUEST
    assert read["media_url"] == "https://foto.example.org/antrean.jpg"
    assert str(read["lat"]) == "0.51" and read["status"] == "open"
    assert read["requested_datetime"].endswith("+07:00")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "field,value",
    [
        ("lat", "95"),
        ("long", "500"),
        ("lat", "nan"),
        ("media_url", "ftp://foto.example.org/a.jpg"),
        ("media_url", "javascript:alert(1)"),
        ("service_code", "nope"),
    ],
)
def test_it_refuses_bad_fields_in_the_spec_error_format(client, office, fmt, field, value):
    """Out-of-range coordinates, a non-http(s) media_url or an unknown service: a 400 in
    the spec's error list, in the path's format, and nothing stored."""
    data = {"service_code": "waktu", "description": "Lama.", field: value}
    response = client.post(f"{BASE}/requests.{fmt}", data)
    assert response.status_code == 400
    (error,) = _errors(response, fmt)
    assert error["code"] == 400 and error["description"]
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "query",
    [{"status": "pending"}, {"start_date": "kemarin"}, {"service_code": "nope"}],
)
def test_it_validates_list_filters(client, office, fmt, query):
    """An unknown status or service code, or a date that is not ISO 8601: a 400 error."""
    response = client.get(f"{BASE}/requests.{fmt}", query)
    assert response.status_code == 400
    assert _errors(response, fmt)[0]["code"] == 400


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_filters_by_status_and_knows_jurisdictions(client, office, fmt):
    """status=open lists open requests; an unknown jurisdiction_id is a 404."""
    open_one = web_complaint(office, type="waktu")
    listed = _items(
        client.get(f"{BASE}/requests.{fmt}", {"status": "open", "jurisdiction_id": office.code}),
        fmt,
        "service_requests",
        "request",
    )
    assert [r["service_request_id"] for r in listed] == [open_one.ticket]
    assert (
        _items(
            client.get(f"{BASE}/requests.{fmt}", {"status": "closed"}), fmt, "service_requests", "x"
        )
        == []
    )
    unknown = client.get(f"{BASE}/services.{fmt}", {"jurisdiction_id": "nowhere"})
    assert unknown.status_code == 404
    assert _errors(unknown, fmt)[0]["description"] == "jurisdiction_id not found"


def test_it_answers_unknown_paths_in_the_spec_error_format(client, office):
    """A path or a format the endpoint does not have is still an Open311 error."""
    xml = client.get(f"{BASE}/nothing-here.xml")
    assert xml.status_code == 404 and _errors(xml, "xml")[0]["code"] == 404
    json = client.get(f"{BASE}/nothing-here.json")
    assert json.status_code == 404 and json.json()[0]["code"] == 404
    yaml = client.get(f"{BASE}/services.yaml")
    assert yaml.status_code == 400 and yaml.json()[0]["code"] == 400


def test_it_counts_an_api_key_under_its_clients_own_limit(client, office, settings):
    """Without api_key an address files COMPLAINTS_RATE_FILE requests an hour; an API
    client's api_key has its own limit, and the trail names the client."""
    settings.COMPLAINTS_RATE_FILE = 1
    api_client, secret = create_client(office, "Agregator Kota", ["open311:write"], by=None)
    data = {"service_code": "waktu", "description": "Lama."}
    assert client.post(f"{BASE}/requests.json", data).status_code == 201
    assert client.post(f"{BASE}/requests.json", data).status_code == 429
    key = {"api_key": f"{api_client.client_id}:{secret}"}
    for _ in range(3):
        assert client.post(f"{BASE}/requests.json", data | key).status_code == 201
    event = AuditEvent.objects.filter(action="complaints.file_complaint").first()
    assert event.actor_name == "API Agregator Kota"


def test_it_refuses_a_wrong_or_unscoped_api_key(client, office):
    """A wrong secret, a revoked client or one without open311:write: 403, nothing stored."""
    reader, secret = create_client(office, "Pembaca", ["complaints:read"], by=None)
    data = {"service_code": "waktu", "description": "Lama."}
    wrong = client.post(f"{BASE}/requests.xml", data | {"api_key": f"{reader.client_id}:salah"})
    assert wrong.status_code == 403 and _errors(wrong, "xml")[0]["code"] == 403
    unscoped = client.post(
        f"{BASE}/requests.json", data | {"api_key": f"{reader.client_id}:{secret}"}
    )
    assert unscoped.status_code == 403
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_it_refuses_a_nul_character_in_the_spec_error_format(client, office, fmt):
    """A NUL character (refused before the API reads the form) is still GeoReport's 400."""
    data = {"service_code": "waktu", "description": "Lama\x00"}
    response = client.post(f"{BASE}/requests.{fmt}", data)
    assert response.status_code == 400 and _errors(response, fmt)[0]["code"] == 400
    assert not Complaint.objects.exists()
