"""Messages are written to the outbox in the transaction of the change that causes them."""

import pytest
from django.db import transaction
from django.urls import reverse

from loket.notify.models import Outbox
from loket.permits import actions
from loket.permits.messages import about_file
from loket.testing import advance


def test_it_queues_and_sends_sms_and_email_when_the_permit_is_ready(
    application, officers, settings, tmp_path, django_capture_on_commit_callbacks
):
    """Step 8 queues permit_ready by SMS and email; the worker sends each once."""
    settings.SMS_BACKEND = "loket.notify.gateways.FileSMS"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        application = advance(application, officers, 9)
    sent = Outbox.objects.filter(about=about_file(application.pk), template_code="permit_ready")
    assert sorted(sent.values_list("channel", "status")) == [("email", "sent"), ("sms", "sent")]
    sms = (tmp_path / "sms.jsonl").read_text().strip().splitlines()
    assert len(sms) == 1 and application.permit.number in sms[0]
    assert len(mail.outbox) == 1 and application.permit.number in mail.outbox[0].subject
    assert mail.outbox[0].extra_headers["X-Idempotency-Key"].startswith("permit_ready:")


def test_it_queues_what_to_fix_when_a_file_is_returned(application, officers):
    """A return at step 2 sends the applicant the list of what to fix and the link to
    the resubmission page."""
    actions.return_to_applicant(
        application, officers["front_office"], {"ktp": "Foto KTP buram"}, step_no=2
    )
    sms = Outbox.objects.get(about=about_file(application.pk), channel="sms")
    assert sms.template_code == "file_returned" and "Foto KTP buram" in sms.body
    assert reverse("permits:resubmit", args=[application.pk]) in sms.body


def test_it_writes_no_message_when_the_change_rolls_back(application, officers):
    """If the transaction that would queue the message fails, there is no message."""
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.return_to_applicant(
            application, officers["front_office"], {"ktp": "buram"}, step_no=2
        )
        raise RuntimeError("boom")
    assert not Outbox.objects.exists()
