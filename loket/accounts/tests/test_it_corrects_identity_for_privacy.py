"""The Front Office corrects an applicant's identity at their request (UU 27/2022
Pasal 30): the record changes, a corrected NIK still signs them in, and the trail
names the fields changed and the time taken, never the values."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.accounts.actions import correct_applicant_identity
from loket.accounts.models import Applicant
from loket.audit.models import AuditEvent
from loket.core.errors import Invalid, NotAllowed
from loket.testing import PASSWORD, make_applicant

NEW_NIK = "1471055203950007"  # born 12-03-1995, a woman


def _identity(applicant, **changes):
    data = {
        "full_name": applicant.full_name,
        "nik": applicant.nik,
        "birth_place": applicant.birth_place,
        "birth_date": applicant.birth_date,
        "sex": applicant.sex,
        "address": applicant.address,
        "phone": applicant.phone,
        "email": applicant.email,
    }
    return data | changes


def test_it_corrects_name_nik_and_birth_date(client, office, officers, applicant):
    """The corrected NIK is found by its hash and signs the applicant in."""
    requested = timezone.now() - dt.timedelta(hours=20)
    correct_applicant_identity(
        applicant,
        _identity(
            applicant, full_name="Siti Aminah, S.K.M.", nik=NEW_NIK, birth_date=dt.date(1995, 3, 12)
        ),
        by=officers["front_office"],
        requested_at=requested,
    )
    fresh = Applicant.objects.get(pk=applicant.pk)
    assert (fresh.full_name, fresh.nik) == ("Siti Aminah, S.K.M.", NEW_NIK)
    assert Applicant.objects.with_nik(NEW_NIK).get() == fresh
    assert not Applicant.objects.with_nik(applicant.nik).exists()
    response = client.post(reverse("login"), {"username": NEW_NIK, "password": PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="accounts.correct_applicant_identity")
    assert event.summary["fields"] == ["full_name", "nik", "birth_date"]
    assert event.summary["within_limit"] is True and 19 < event.summary["hours_after_request"] < 21
    text = json.dumps(event.summary)
    assert NEW_NIK not in text and applicant.nik not in text and "S.K.M." not in text


def test_it_flags_a_correction_later_than_three_days(office, officers, applicant):
    """A correction 80 hours after the request is on the record as late."""
    correct_applicant_identity(
        applicant,
        _identity(applicant, address="Jl. Baru 1"),
        by=officers["front_office"],
        requested_at=timezone.now() - dt.timedelta(hours=80),
    )
    event = AuditEvent.objects.get(action="accounts.correct_applicant_identity")
    assert event.summary["within_limit"] is False and event.summary["fields"] == ["address"]


def test_it_refuses_other_roles_and_bad_data(office, officers, applicant):
    """Only the Front Office corrects; a NIK at odds with the birth date, another
    applicant's NIK, or no change at all are refused."""
    with pytest.raises(NotAllowed):
        correct_applicant_identity(
            applicant, _identity(applicant, address="X"), by=officers["back_office"]
        )
    fo = officers["front_office"]
    with pytest.raises(Invalid) as bad:
        correct_applicant_identity(applicant, _identity(applicant, nik=NEW_NIK), by=fo)
    assert "nik" in bad.value.errors
    other = make_applicant(office, name="Lain")
    with pytest.raises(Invalid) as taken:
        correct_applicant_identity(applicant, _identity(applicant, nik=other.nik), by=fo)
    assert "nik" in taken.value.errors
    with pytest.raises(Invalid):
        correct_applicant_identity(applicant, _identity(applicant), by=fo)
    assert not AuditEvent.objects.filter(action="accounts.correct_applicant_identity").exists()


def test_it_offers_the_correction_page_to_the_front_office_only(
    client, office, officers, application
):
    """The page is the FO's (from the file); others get 404; a post corrects."""
    url = reverse("accounts:correct_identity", kwargs={"pk": application.pk})
    client.force_login(officers["back_office"])
    assert client.get(url).status_code == 404
    client.force_login(officers["front_office"])
    page = client.get(url)
    assert page.status_code == 200 and application.applicant.nik in page.content.decode()
    applicant = application.applicant
    form = {f"p-{k}": v for k, v in _identity(applicant, address="Jl. Koreksi 9").items()}
    form["p-birth_date"] = applicant.birth_date.isoformat()
    form["p-requested_at"] = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Applicant.objects.get(pk=applicant.pk).address == "Jl. Koreksi 9"
    detail = client.get(reverse("permits:detail", kwargs={"pk": application.pk}))
    assert url in detail.content.decode()


def test_it_corrects_through_the_api_too(client, office, officers, application):
    """POST /api/v1/accounts/applications/{id}/identity: the same action, 404 for
    other roles, 422 with the field for a bad NIK."""
    applicant = application.applicant
    url = f"/api/v1/accounts/applications/{application.pk}/identity"
    body = _identity(applicant, address="Jl. API 3") | {
        "birth_date": applicant.birth_date.isoformat()
    }
    client.force_login(officers["back_office"])
    assert client.post(url, body, content_type="application/json").status_code == 404
    client.force_login(officers["front_office"])
    bad = client.post(url, body | {"nik": NEW_NIK}, content_type="application/json")
    assert bad.status_code == 422 and "nik" in bad.json()["errors"]
    response = client.post(url, body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["nik_masked"].endswith(applicant.nik[-4:])
    assert applicant.nik not in response.content.decode()
    assert Applicant.objects.get(pk=applicant.pk).address == "Jl. API 3"
