"""A failing gateway is retried with growing delays, then the message is marked failed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from loket.core.errors import NotAllowed
from loket.lib.phones import mask_phone
from loket.notify import actions
from loket.notify.models import SMS, Outbox
from loket.testing import PASSWORD

CALLS = []


class BrokenSMS:
    def send(self, to, text, key):
        CALLS.append(key)
        raise OSError("gateway down")


@pytest.fixture
def broken(settings):
    CALLS.clear()
    settings.SMS_BACKEND = "loket.notify.tests.test_it_retries_and_then_fails.BrokenSMS"
    settings.SMS_MAX_ATTEMPTS = 3
    settings.SMS_RETRY_SECONDS = 60
    return CALLS


def _queue(office, capture):
    with capture(execute=True):
        return actions.queue_message(
            office, SMS, "081234567890", "survey_invite", {"url": "http://x/"}, "test:1:sms"
        )


def test_it_backs_off_then_fails_and_an_officer_can_retry(
    office, officers, broken, settings, django_capture_on_commit_callbacks
):
    """Attempts 1..3 fail with 60 s then 120 s delays; then failed, listed, and retried."""
    message = _queue(
        office, django_capture_on_commit_callbacks
    )  # the immediate backend delivers at commit (attempt 1)
    message.refresh_from_db()
    assert message.status == Outbox.QUEUED and message.attempts == 1
    first_retry = message.next_attempt_at
    assert actions.sweep_outbox() == 0  # not due yet
    now = first_retry + timedelta(seconds=1)
    assert actions.sweep_outbox(now=now) == 1
    message.refresh_from_db()
    assert message.attempts == 2
    assert message.next_attempt_at - now == timedelta(seconds=120)
    actions.sweep_outbox(now=message.next_attempt_at)
    message.refresh_from_db()
    assert message.status == Outbox.FAILED and message.attempts == 3
    assert "gateway down" in message.last_error
    assert broken == ["test:1:sms"] * 3

    client = Client()
    client.login(username="front_office", password=PASSWORD)
    page = client.get("/pesan/gagal/")
    # The list masks the number (UU 27/2022); the file itself has it in full.
    assert page.status_code == 200 and mask_phone("081234567890") in page.content.decode()
    assert "081234567890" not in page.content.decode()

    with pytest.raises(NotAllowed):
        actions.retry_message(message, officers["kepala_dinas"])
    settings.SMS_BACKEND = "loket.notify.gateways.FileSMS"
    settings.SMS_FILE_PATH = str(settings.VAR_DIR / "sms.jsonl")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/pesan/{message.pk}/kirim-ulang/")
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == Outbox.SENT


def test_it_queues_one_message_per_idempotency_key(
    office, broken, django_capture_on_commit_callbacks
):
    """Queueing the same event twice gives one outbox row."""
    capture = django_capture_on_commit_callbacks
    assert _queue(office, capture).pk == _queue(office, capture).pk
    assert Outbox.objects.count() == 1


def test_it_reclaims_a_message_left_sending_by_a_dead_worker(office, settings):
    """A row stuck in 'sending' past its lease is sent again by the sweep."""
    settings.SMS_BACKEND = "loket.notify.gateways.FileSMS"
    settings.SMS_FILE_PATH = str(settings.VAR_DIR / "sms.jsonl")
    message = Outbox.objects.create(
        office=office,
        channel=SMS,
        recipient="0812",
        body="x",
        idempotency_key="stuck:1",
        status=Outbox.SENDING,
        attempts=1,
        next_attempt_at=timezone.now() + timedelta(seconds=120),
    )
    assert actions.sweep_outbox() == 0  # its worker may still be sending
    actions.sweep_outbox(now=timezone.now() + timedelta(seconds=121))
    message.refresh_from_db()
    assert message.status == Outbox.SENT and message.attempts == 2
