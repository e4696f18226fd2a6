"""The notify API: retrying a failed message, and the Back Office's letters queue."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from loket.core.models import Office
from loket.core.roles import BACK_OFFICE, FRONT_OFFICE, OFFICER_ROLES
from loket.notify import actions
from loket.notify.models import SMS, Letter, Outbox
from loket.permits.issuance import send_uncollected_letters
from loket.permits.models import Application
from loket.testing import advance, make_officers

API = "/api/v1/notify"


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def stranger_officers(db):
    other = Office.objects.create(code="dpmptsp-dumai", name="DPMPTSP Kota Dumai", city="Dumai")
    return make_officers(other, prefix="x")


@pytest.fixture
def failed(office, settings):
    settings.SMS_BACKEND = "loket.notify.gateways.FileSMS"
    settings.SMS_FILE_PATH = str(settings.VAR_DIR / "sms.jsonl")
    message = actions.queue_message(
        office, SMS, "081234567890", "survey_invite", {"url": "http://x/"}, "api:1:sms"
    )
    Outbox.objects.filter(pk=message.pk).update(
        status=Outbox.FAILED, attempts=5, last_error="OSError: gateway down"
    )
    return message


def test_it_retries_a_failed_message_for_the_front_and_back_office(
    officers, stranger_officers, failed, django_capture_on_commit_callbacks
):
    """FO or BO retry: 200, queued again with attempts reset and sent by the worker; a
    second retry is 409; other roles get 403 and another office's officer 404."""
    url = f"{API}/outbox/{failed.pk}/retry"
    for role in OFFICER_ROLES:
        if role not in (FRONT_OFFICE, BACK_OFFICE):
            assert _client(officers[role]).post(url).status_code == 403, role
    assert _client(stranger_officers[FRONT_OFFICE]).post(url).status_code == 404
    assert Outbox.objects.get(pk=failed.pk).status == Outbox.FAILED

    listed = _client(officers[BACK_OFFICE]).get(f"{API}/outbox?status=failed").json()["items"]
    assert [m["id"] for m in listed] == [failed.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = _client(officers[FRONT_OFFICE]).post(url)
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == failed.pk and body["status"] == "queued" and body["attempts"] == 0
    message = Outbox.objects.get(pk=failed.pk)
    assert message.status == Outbox.SENT and message.attempts == 1
    again = _client(officers[BACK_OFFICE]).post(url)
    assert again.status_code == 409 and again.json()["detail"]


def _uncollected_letter(application, officers):
    ready = advance(application, officers, 9)
    finished = timezone.make_aware(dt.datetime(2027, 1, 5, 10, 0))
    Application.objects.filter(pk=ready.pk).update(completed_at=finished)
    (letter,) = send_uncollected_letters(today=dt.date(2027, 3, 1))
    return ready, letter


def test_it_lists_letters_and_records_sending_for_the_back_office_only(
    application, officers, stranger_officers
):
    """The Back Office lists the letter (with its number and PDF link) and records it
    sent once (then 409); other roles get 403, another office sees none of it."""
    ready, letter = _uncollected_letter(application, officers)
    for role in OFFICER_ROLES:
        if role != BACK_OFFICE:
            client = _client(officers[role])
            assert client.get(f"{API}/letters").status_code == 403, role
            assert client.post(f"{API}/letters/{letter.pk}/sent").status_code == 403, role
    stranger = _client(stranger_officers[BACK_OFFICE])
    assert stranger.get(f"{API}/letters").json()["items"] == []
    assert stranger.post(f"{API}/letters/{letter.pk}/sent").status_code == 404

    back = _client(officers[BACK_OFFICE])
    (listed,) = back.get(f"{API}/letters").json()["items"]
    assert listed["id"] == letter.pk and listed["number"] == "503/001/DPMPTSP/2027"
    assert listed["permit_number"] == ready.permit.number and listed["sent_at"] is None
    assert back.get(listed["pdf_url"]).status_code == 200
    response = back.post(f"{API}/letters/{letter.pk}/sent")
    assert response.status_code == 200 and response.json()["sent_at"]
    assert Letter.objects.get(pk=letter.pk).sent_by == officers[BACK_OFFICE]
    assert back.post(f"{API}/letters/{letter.pk}/sent").status_code == 409
