"""A periodic job that raises still queues its next run, and its record says so."""

import io

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from loket.core import jobs
from loket.core.models import JobRecord
from loket.core.tests import flaky_job

PATH = "loket.core.tests.flaky_job.flaky"


@pytest.fixture
def flaky(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    flaky_job.RUNS.clear()
    job = flaky_job.register()
    yield job
    jobs.unregister(job)
    flaky_job.RUNS.clear()


@pytest.mark.django_db(transaction=True)
def test_it_runs_again_after_two_failures_and_records_both(flaky):
    """The real worker runs the job three times: it fails twice and succeeds once, each
    run having queued the next before working; the record has two failures with the
    last error, one success, and a fourth run waits."""
    flaky.enqueue()
    call_command("db_worker", batch=True, max_tasks=3, no_startup_delay=True, stdout=io.StringIO())
    assert flaky_job.RUNS == [1, 2, 3]
    results = DBTaskResult.objects.filter(task_path=PATH).order_by("enqueued_at")
    assert [r.status for r in results] == ["FAILED", "FAILED", "SUCCESSFUL", "READY"]
    record = JobRecord.objects.get(name=PATH)
    assert (record.failures, record.successes) == (2, 1)
    assert record.last_error == "RuntimeError: run 2 failed on purpose"
    assert record.last_success_at > record.last_failure_at
