"""Two real `manage.py db_worker` processes share one queue of 1,000 tasks.

Each task (loket.notify.tests.probe_tasks.probe) appends "KEY PID" to a log, so the
log shows every run. Task 500 hangs on its first run; the test SIGKILLs the worker
running it. The library leaves that task RUNNING for ever; the outbox sweep (run by
the surviving worker) finds its worker's lock free (loket.notify.recovery) and puts
it back in the queue, and the survivor runs it.

PostgreSQL: workers claim with SELECT ... FOR UPDATE SKIP LOCKED and lock a running
task with an advisory lock. SQLite has no row locks: the library claims in an
EXCLUSIVE transaction instead (one claim at a time, still each task once) and the
running task is locked with an flock, so the test runs on both.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings

from loket.testing_db import shared_db_env, shared_db_rows

TASKS, HELD = 1000, 500
PROBE = "loket.notify.tests.probe_tasks.probe"
RESULTS = "django_tasks_database_dbtaskresult"

ENQUEUE = """
import sys, django; django.setup()
from django.db import transaction
from loket.notify.tests.probe_tasks import probe
log, hold, n, held = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with transaction.atomic():  # the whole queue appears at once to both workers
    for i in range(n):
        probe.enqueue(log, f"t{i}", hold if i == held else "")
"""
SWEEP = """
import django; django.setup()
from loket.notify.tasks import sweep_outbox
sweep_outbox.enqueue(repeat=False)
"""


def _worker(env, name, out):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload"]
        + ["--no-startup-delay", "--worker-id", name],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(predicate, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _probes(env):
    sql = f"SELECT args_kwargs, status, worker_ids FROM {RESULTS} WHERE task_path = '{PROBE}'"
    return shared_db_rows(env, sql)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _count(env, status):
    [(n,)] = shared_db_rows(
        env, f"SELECT COUNT(*) FROM {RESULTS} WHERE task_path = '{PROBE}' AND status = '{status}'"
    )
    return n


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_runs_each_task_once_across_two_workers_and_survives_a_killed_one(tmp_path):
    """1,000 tasks, two workers, one SIGKILLed mid-task: every task ran exactly once to
    the end, both workers took tasks, and the killed worker's task was requeued by the
    sweep and run by the other worker."""
    log_path, hold_path = tmp_path / "runs.log", tmp_path / "held.pid"
    env = dict(
        os.environ,
        **shared_db_env(tmp_path),
        DJANGO_SETTINGS_MODULE="loket.settings",
        DEBUG="false",
        VAR_DIR=str(tmp_path / "var"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        PYTHONUNBUFFERED="1",
    )
    run = dict(env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300)
    migrated = subprocess.run([sys.executable, "manage.py", "migrate"], **run)
    assert migrated.returncode == 0, migrated.stderr

    outs = [open(tmp_path / f"w{n}.out", "w+") for n in (1, 2)]  # noqa: SIM115
    workers = {f"w{n}": _worker(env, f"w{n}", out) for n, out in zip((1, 2), outs, strict=True)}
    try:
        for out in outs:
            _wait(lambda out=out: "Starting worker" in open(out.name).read(), 120, "a worker")
        queued = subprocess.run(
            [sys.executable, "-c", ENQUEUE, str(log_path), str(hold_path), str(TASKS), str(HELD)],
            **run,
        )
        assert queued.returncode == 0, queued.stderr

        _wait(hold_path.exists, 300, "the held task to start")
        held_pid = int(hold_path.read_text())
        killed = next(name for name, proc in workers.items() if proc.pid == held_pid)
        survivor = next(name for name in workers if name != killed)
        os.killpg(held_pid, signal.SIGKILL)
        workers[killed].wait(30)

        _wait(lambda: _count(env, "SUCCESSFUL") == TASKS - 1, 600, "the other tasks")
        [(_a, status, worker_ids)] = [r for r in _probes(env) if r[1] != "SUCCESSFUL"]
        assert (status, _json(worker_ids)) == ("RUNNING", [killed])  # nobody else took it

        swept = subprocess.run([sys.executable, "-c", SWEEP], **run)
        assert swept.returncode == 0, swept.stderr
        _wait(lambda: _count(env, "SUCCESSFUL") == TASKS, 120, "the requeued task")
        assert workers[survivor].poll() is None
    finally:
        for proc in workers.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(30)
        for out in outs:
            out.close()

    runs = [line.split() for line in log_path.read_text().splitlines()]
    assert Counter(key for key, _pid in runs) == Counter(f"t{i}" for i in range(TASKS))
    pids = Counter(int(pid) for _key, pid in runs)
    assert set(pids) == {proc.pid for proc in workers.values()}  # both took a share
    by_key = {_json(args)["args"][1]: _json(ids) for args, _s, ids in _probes(env)}
    assert by_key[f"t{HELD}"] == [killed, survivor]
    assert all(len(ids) == 1 for key, ids in by_key.items() if key != f"t{HELD}")
