"""The verification API and page give the permit's status next to "genuine": a revoked
(or expired) permit's own file is answered genuine *and* revoked, never a bare
genuine: true."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loket.permits import issuance
from loket.testing import advance


@pytest.fixture
def issued(application, officers):
    return advance(application, officers, 9)


def _upload(data):
    return {"pdf": SimpleUploadedFile("izin.pdf", data, "application/pdf")}


def test_a_valid_permit_is_genuine_and_in_force(issued):
    permit = issued.permit
    data = issuance.signed_pdf(permit)
    api = Client().post(f"/api/v1/issuance/verify/{permit.verify_code}/check", _upload(data))
    answer = api.json()
    assert answer["genuine"] is True
    assert answer["status"] == "valid" and answer["in_force"] is True


def test_a_revoked_permit_is_answered_revoked_with_date_and_reason(issued, officers):
    permit = issued.permit
    data = issuance.signed_pdf(permit)
    issuance.revoke_permit(permit, officers["kepala_dinas"], "STR dicabut oleh konsil")
    client = Client()
    answer = client.post(
        f"/api/v1/issuance/verify/{permit.verify_code}/check", _upload(data)
    ).json()
    assert answer["status"] == "revoked"
    assert answer["in_force"] is False
    assert answer["revoke_reason"] == "STR dicabut oleh konsil"
    assert answer["revoked_at"]

    page = client.post(f"/v/{permit.verify_code}", _upload(data)).content.decode()
    assert "ASLI, TETAPI TIDAK BERLAKU" in page
    assert "STR dicabut oleh konsil" in page

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.post(f"/v/{permit.verify_code}", _upload(data)).content.decode()
    assert "GENUINE, BUT NOT IN FORCE" in english
    assert "REVOKED" in english


def test_an_expired_permit_is_answered_expired(issued):
    permit = issued.permit
    data = issuance.signed_pdf(permit)
    type(permit).objects.filter(pk=permit.pk).update(valid_until="2020-01-01")
    answer = (
        Client().post(f"/api/v1/issuance/verify/{permit.verify_code}/check", _upload(data)).json()
    )
    assert answer["status"] == "expired" and answer["in_force"] is False
