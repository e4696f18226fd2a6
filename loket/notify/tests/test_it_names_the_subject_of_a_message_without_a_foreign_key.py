"""notify knows messages and channels only: no table of it points at another app's
model. A message names the record it is about ("permits.application:42",
"complaints.complaint:7") as the app that queued it gives it, with what the officers'
lists show of it (the file's number, the complaint's ticket, linked to its page); the
owner finds its messages by that name, so the retention of a file still blanks them."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.accounts.retention import apply_office_retention
from loket.complaints import actions as complaint_actions
from loket.complaints.models import INTERNET
from loket.core.personal_data import ERASED
from loket.notify.models import Outbox
from loket.permits.models import Permit
from loket.testing import PASSWORD, advance, file_for, make_applicant

LATER = dt.timedelta(days=round(6 * 365.25))  # past the default retention period
# Apps notify may point at: the kernel (the office) and the users (who sent a letter).
BELOW = {"notify", "core", get_user_model()._meta.app_label}


def test_no_model_of_notify_points_at_another_apps_model():
    """Every relation of every notify model leads to notify, core or the users."""
    relations = [
        (model.__name__, field.name, field.related_model._meta.label)
        for model in apps.get_app_config("notify").get_models()
        for field in model._meta.get_fields(include_hidden=True)
        if field.is_relation and field.concrete and field.related_model is not None
    ]
    assert relations, "the outbox and the letters have their office"
    assert [r for r in relations if r[2].split(".")[0] not in BELOW] == []
    assert "application" not in {f.name for f in Outbox._meta.get_fields()}


@pytest.fixture
def ready(sikts, office, officers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return advance(file_for(sikts, make_applicant(office, name="Siti")), officers, 9)


def _front_office(language="id"):
    client = Client()
    assert client.login(username="front_office", password=PASSWORD)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    return client


def test_a_files_message_names_it_and_the_lists_show_its_number_and_page(ready, officers):
    """The permit-ready SMS is about the file: the failed list shows the file's number
    under "Perihal" ("Subject"), linked to its page; the API gives the same three."""
    sms = Outbox.objects.get(template_code="permit_ready", channel="sms")
    assert sms.about == f"permits.application:{ready.pk}"
    assert (sms.reference, sms.link) == (ready.reg_number, f"/permohonan/{ready.pk}/")
    Outbox.objects.filter(pk=sms.pk).update(status=Outbox.FAILED, attempts=5)

    row = f'<a href="/permohonan/{ready.pk}/">{ready.reg_number}</a>'
    indonesian = _front_office().get(reverse("notify:failed")).content.decode()
    assert "<th>Perihal</th>" in indonesian and row in indonesian
    english = _front_office("en").get(reverse("notify:failed")).content.decode()
    assert "<th>Subject</th>" in english and row in english

    [item] = _front_office().get("/api/v1/notify/outbox?status=failed").json()["items"]
    assert item["about"] == f"permits.application:{ready.pk}"
    assert (item["reference"], item["link"]) == (ready.reg_number, f"/permohonan/{ready.pk}/")
    assert "application_id" not in item


def test_a_complaints_message_names_the_complaint_not_the_file_it_mentions(
    ready, office, django_capture_on_commit_callbacks
):
    """A complaint about a file is acknowledged in messages about the complaint (its
    ticket, its page): the complainant's contact is the complaint's, not the file's."""
    with django_capture_on_commit_callbacks(execute=True):
        complaint = complaint_actions.file_complaint(
            office,
            complaint_actions.Intake(
                description="Izin lama sekali.",
                name="Ani",
                phone="0813-7000-1234",
                reference=ready.reg_number,
            ),
            channel=INTERNET,
        )
    assert complaint.application_id == ready.pk
    [sms] = Outbox.objects.filter(template_code="complaint_received")
    assert sms.about == f"complaints.complaint:{complaint.pk}"
    assert (sms.reference, sms.link) == (complaint.ticket, f"/pengaduan/{complaint.pk}/")


def test_the_retention_of_a_file_blanks_its_messages_and_no_others(
    sikts, office, officers, ready, django_capture_on_commit_callbacks
):
    """Past retention the file's messages lose recipient, subject and text; a message
    about another file, still kept, is left as it was."""
    Permit.objects.filter(application=ready).update(valid_until=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        ready = advance(ready, officers, 99)
        kept = advance(file_for(sikts, make_applicant(office, name="Budi")), officers, 9)
    theirs = Outbox.objects.filter(about=f"permits.application:{ready.pk}")
    others = Outbox.objects.filter(about=f"permits.application:{kept.pk}")
    before = list(others.values("recipient", "subject", "body"))
    assert theirs.exists() and before

    with django_capture_on_commit_callbacks(execute=True):
        apply_office_retention(office, now=timezone.now() + LATER)
    assert set(theirs.values_list("recipient", "subject", "body")) == {("", "", ERASED)}
    assert list(others.values("recipient", "subject", "body")) == before
