"""`schedule_jobs` (run by `make run`) starts the complaint mailbox reading when one is set."""

import io
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from loket.complaints.models import EMAIL, Complaint
from loket.complaints.tasks import read_complaint_mail

EML = Path(__file__).parent / "eml"
READER = "loket.complaints.tasks.read_complaint_mail"


@pytest.fixture
def db_queue(settings):
    """The real queue of the worker (the database), instead of running tasks at once."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    settings.COMPLAINTS_IMAP_HOST = ""
    settings.COMPLAINTS_MAIL_DIR = ""


def _schedule():
    out = io.StringIO()
    call_command("schedule_jobs", stdout=out)
    return out.getvalue()


def _waiting_readings():
    return DBTaskResult.objects.filter(task_path=READER, status="READY")


def test_it_schedules_no_mail_reading_without_a_mailbox(db_queue, office):
    """No IMAP host and no mail folder: the other jobs start, the mail reader does not."""
    scheduled, idle = _schedule().splitlines()
    assert "read_complaint_mail" not in scheduled
    assert idle == "Not needed here: read_complaint_mail"
    assert not _waiting_readings().exists()
    sweep = DBTaskResult.objects.filter(task_path="loket.notify.tasks.sweep_outbox")
    assert sweep.filter(status="READY").exists()


@pytest.mark.parametrize("setting", ["COMPLAINTS_IMAP_HOST", "COMPLAINTS_MAIL_DIR"])
def test_it_schedules_the_mail_reading_once_when_a_mailbox_is_set(
    db_queue, settings, office, tmp_path, setting
):
    """With an IMAP host or a mail folder, one repeating reading is queued, every
    COMPLAINTS_MAIL_EVERY_SECONDS; running schedule_jobs again adds none."""
    setattr(settings, setting, "imap.example" if setting.endswith("HOST") else str(tmp_path))
    settings.COMPLAINTS_MAIL_EVERY_SECONDS = 120
    assert "read_complaint_mail" in _schedule()
    assert "already scheduled" in _schedule()
    (waiting,) = _waiting_readings()
    # The first reading runs now; each reading queues the next one 120 s later.
    assert waiting.args_kwargs["args"] == []


def test_it_reads_the_mail_folder_and_queues_the_next_reading(db_queue, settings, office, tmp_path):
    """A reading files each new .eml of COMPLAINTS_MAIL_DIR once, then queues the next
    reading that many seconds later."""
    shutil.copy(EML / "001-new.eml", tmp_path)
    settings.COMPLAINTS_MAIL_DIR = str(tmp_path)
    settings.COMPLAINTS_MAIL_EVERY_SECONDS = 300
    before = timezone.now()
    assert read_complaint_mail.func() == {"new": 1}
    assert Complaint.objects.filter(channel=EMAIL).count() == 1
    (following,) = _waiting_readings()
    assert following.run_after >= before + timedelta(seconds=300)
    assert read_complaint_mail.func(repeat=False) == {"duplicate": 1}
    assert Complaint.objects.count() == 1
