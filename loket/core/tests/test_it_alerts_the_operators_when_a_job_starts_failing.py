"""A periodic job that starts failing emails the operators (ADMINS) once, not at every
run; a failure after it recovered sends a new alert."""

import pytest
from django.core import mail

from loket.core import jobs
from loket.core.models import JobRecord
from loket.core.tests import flaky_job

PATH = "loket.core.tests.flaky_job.flaky"


@pytest.fixture
def flaky(settings, db):
    settings.ADMINS = [("Operator", "ops@dpmptsp.example")]
    flaky_job.RUNS.clear()
    job = flaky_job.register()
    yield job
    jobs.unregister(job)
    flaky_job.RUNS.clear()


def _run(job):
    try:
        job.func(repeat=False)
    except RuntimeError:
        return "failed"
    return "ok"


def test_it_sends_one_alert_for_a_run_of_failures(flaky):
    """Two failures in a row, then a success: one email, naming the job and its error."""
    assert [_run(flaky) for _ in range(3)] == ["failed", "failed", "ok"]
    assert len(mail.outbox) == 1
    alert = mail.outbox[0]
    assert alert.to == ["ops@dpmptsp.example"]
    assert PATH in alert.subject and "Tugas berkala gagal" in alert.subject
    assert "RuntimeError: run 1 failed on purpose" in alert.body


def test_it_alerts_again_when_a_recovered_job_fails(flaky):
    """After a success, the next failure is news again."""
    assert [_run(flaky) for _ in range(3)] == ["failed", "failed", "ok"]
    flaky_job.RUNS.clear()
    assert _run(flaky) == "failed"
    assert len(mail.outbox) == 2
    assert "RuntimeError: run 1 failed on purpose" in mail.outbox[1].body
    assert JobRecord.objects.get(name=PATH).failures == 3
