"""A date the API takes in is YYYY-MM-DD and nothing else (loket.core.schemas.IsoDate).
pydantic alone reads a number as seconds since 1970: a fuzzer's `date_from=-1.5e-12`
filtered the complaint register from 1 January 1970 and answered 200. Now it is a 422
naming the field, as every other bad input is; a real date still filters."""

import pytest
from django.test import Client

REGISTER = "/api/v1/complaints/register"


@pytest.fixture
def desk(office, officers):
    client = Client()
    client.force_login(officers["pengelola_pengaduan"])
    return client


@pytest.mark.parametrize(
    "value", ["-1.5e-12", "0", "1733558400", "2026-12-07T10:00", "07-12-2026", "2026-13-01"]
)
def test_anything_but_a_date_is_refused_with_the_field_named(desk, value):
    response = desk.get(REGISTER, {"date_from": value})
    assert response.status_code == 422
    assert "date_from" in response.json()["errors"]


def test_a_date_filters(desk):
    response = desk.get(REGISTER, {"date_from": "2026-01-01", "date_to": "2026-12-31"})
    assert response.status_code == 200 and response.json()["page"] == 1


def test_a_body_the_server_cannot_read_is_a_documented_400(applicant, sikts):
    """A multipart body with a broken boundary never reaches the handler: 400 in the one
    error shape, and the operation's OpenAPI lists it (schemathesis checks both)."""
    client = Client()
    client.force_login(applicant.user)
    response = client.post(
        "/api/v1/permits/applications", data=b"--xyz--", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Permintaan tidak dapat dibaca.", "errors": {}}
    schema = Client().get("/api/v1/openapi.json").json()
    for path in ("/api/v1/permits/applications", "/api/v1/permits/counter"):
        assert "400" in schema["paths"][path]["post"]["responses"], path


@pytest.mark.parametrize("value", ["0.006", "-1", "1733558400", "2026-12-07", "10:00"])
def test_a_time_is_iso_8601_or_refused(officers, value):
    """The audit trail's `until` once took "0.006" as a time in 1970 (found on CI)."""
    client = Client()
    client.force_login(officers["sekretaris"])
    response = client.get("/api/v1/audit/events", {"until": value})
    assert response.status_code == 422
    assert "until" in response.json()["errors"]


def test_a_time_with_its_offset_filters(officers):
    client = Client()
    client.force_login(officers["sekretaris"])
    response = client.get("/api/v1/audit/events", {"since": "2026-01-01T00:00:00+07:00"})
    assert response.status_code == 200
