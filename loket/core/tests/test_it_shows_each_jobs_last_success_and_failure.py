"""The office's management (and `manage.py jobs`) see each periodic job's last success,
last failure with its error, and its next run."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from loket.core.models import JobRecord
from loket.core.roles import KEPALA_DINAS, OFFICER_ROLES, SEKRETARIS

SWEEP = "loket.notify.tasks.sweep_outbox"
URL = reverse("core:jobs")


@pytest.fixture
def records(db):
    now = timezone.now()
    JobRecord.objects.create(
        name=SWEEP,
        last_success_at=now - timedelta(hours=1),
        last_failure_at=now - timedelta(hours=2),
        last_error="OperationalError: database is locked",
        successes=5,
        failures=1,
    )


@pytest.mark.parametrize("role", [SEKRETARIS, KEPALA_DINAS])
def test_it_shows_the_jobs_to_management(role, client, officers, records):
    """Both roles see every job, the failure's error, and "belum pernah" for a job that
    has not run; in English too."""
    client.force_login(officers[role])
    page = client.get(URL).content.decode()
    assert "Tugas berkala" in page
    assert "<code>sweep_outbox</code>" in page
    assert "OperationalError: database is locked" in page
    assert "<code>read_complaint_mail</code>" in page
    assert "belum pernah" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(URL).content.decode()
    assert "Periodic jobs" in english and "never" in english


@pytest.mark.parametrize("role", sorted(set(OFFICER_ROLES) - {SEKRETARIS, KEPALA_DINAS}))
def test_it_refuses_other_officers(role, client, officers, records):
    """Officers outside the office's management get 403."""
    client.force_login(officers[role])
    assert client.get(URL).status_code == 403


def test_it_lists_the_jobs_on_the_command_line(records):
    """`manage.py jobs` prints each job with its last success and failure."""
    out = io.StringIO()
    call_command("jobs", stdout=out)
    text = out.getvalue()
    block = text[text.index("sweep_outbox") :]
    assert "last success: 20" in block
    assert "(OperationalError: database is locked)" in block
    assert "read_complaint_mail\n  last success: -" in text
