"""The sweep's recovery tells a dead worker's task from a live one's (loket.notify.recovery)."""

import json
import os
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django_tasks_db.models import DBTaskResult

from loket.notify.recovery import requeue_orphaned_tasks
from loket.testing_db import shared_db_env, shared_db_rows

RESULTS = "django_tasks_database_dbtaskresult"
ENQUEUE = """
import django; django.setup()
from loket.notify.tests.probe_tasks import probe
print(probe.enqueue("/dev/null", "k").id)
"""
# What a worker does when it takes a task (db_worker's claim), then it stays busy.
CLAIM = """
import sys, time, django; django.setup()
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction
with exclusive_transaction():
    DBTaskResult.objects.select_for_update().get(pk=sys.argv[1]).claim("busy-worker")
print("claimed", flush=True)
time.sleep(600)
"""
RECOVER = """
import django; django.setup()
from loket.notify.recovery import requeue_orphaned_tasks
print(requeue_orphaned_tasks())
"""


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_leaves_a_live_workers_task_and_requeues_it_once_the_worker_is_killed(tmp_path):
    """While the claiming process lives its RUNNING task stays put; after SIGKILL the
    next recovery puts it back to READY, keeping the dead worker's id on record."""
    env = dict(
        os.environ,
        **shared_db_env(tmp_path),
        DJANGO_SETTINGS_MODULE="loket.settings",
        VAR_DIR=str(tmp_path / "var"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
    )
    run = dict(env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120)

    def python(script, *args):
        done = subprocess.run([sys.executable, "-c", script, *args], **run)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()[-1]

    def task_row():
        # SQLite keeps a UUID as 32 hex digits, PostgreSQL as a uuid.
        key = uuid.UUID(task_id).hex if "SQLITE_PATH" in env else task_id
        [(status, worker_ids)] = shared_db_rows(
            env, f"SELECT status, worker_ids FROM {RESULTS} WHERE id = '{key}'"
        )
        return status, json.loads(worker_ids) if isinstance(worker_ids, str) else worker_ids

    assert subprocess.run([sys.executable, "manage.py", "migrate"], **run).returncode == 0
    task_id = python(ENQUEUE)
    worker = subprocess.Popen(
        [sys.executable, "-c", CLAIM, task_id],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert worker.stdout.readline().strip() == "claimed"
        assert python(RECOVER) == "0"
        assert task_row() == ("RUNNING", ["busy-worker"])
    finally:
        worker.kill()
        worker.wait(30)
    assert python(RECOVER) == "1"
    assert task_row() == ("READY", ["busy-worker"])


def test_it_fails_a_task_that_killed_three_workers(db):
    """A task whose third worker died too is marked FAILED, not handed to a fourth."""
    result = DBTaskResult.objects.create(
        status="RUNNING",
        args_kwargs={"args": [], "kwargs": {}},
        task_path="loket.notify.tasks.sweep_outbox",
        backend_name="default",
        worker_ids=["a", "b", "c"],
    )
    assert requeue_orphaned_tasks() == 0
    result.refresh_from_db()
    assert result.status == "FAILED"
    assert result.exception_class_path == "loket.notify.recovery.WorkerDied"
    assert "3 times" in result.traceback
