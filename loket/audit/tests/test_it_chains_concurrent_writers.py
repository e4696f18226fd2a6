"""Two processes writing at the same time still make one unbroken chain.

On SQLite the processes share a database file; with DATABASE_URL (PostgreSQL) they
share a database made for this test on the same server, and dropped after it, so the
row lock on the chain's head is what keeps them in one chain.
"""

import contextlib
import json
import os
import sqlite3
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

WRITES = 8


@contextlib.contextmanager
def _database(tmp_path):
    """(environment for the processes, a DB-API connection to their database)."""
    env = dict(os.environ)
    env["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    env["DJANGO_SETTINGS_MODULE"] = "loket.settings"
    env["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    env["SMS_BACKEND"] = "loket.notify.gateways.ConsoleSMS"
    url = env.get("DATABASE_URL")
    if not url:
        env["SQLITE_PATH"] = str(tmp_path / "audit.sqlite3")
        yield env, lambda: sqlite3.connect(env["SQLITE_PATH"])
        return
    import psycopg

    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')}_audit_{os.getpid()}"
    server = urlunsplit(parts._replace(path="/postgres"))
    env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield env, lambda: psycopg.connect(env["DATABASE_URL"])
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(env, *args, timeout=180):
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.mark.slow
def test_it_chains_two_concurrent_writers(tmp_path):
    """Both processes file applications and write events at once; every event gets its own
    number, each links to the one before, and verify_audit (the real command) says OK, then
    catches an edit made afterwards."""
    module = "loket.audit.tests.writer"
    with _database(tmp_path) as (env, connect):
        setup = _run(env, "-m", module, "setup")
        assert setup.returncode == 0, setup.stderr
        applicants = json.loads(setup.stdout.strip().splitlines()[-1])
        barrier = tmp_path / "ready"
        barrier.mkdir()
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", module, "write", str(pk), str(WRITES), str(barrier)],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for pk in applicants
        ]
        for proc in procs:
            _out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err

        db = connect()
        rows = db.execute(
            "SELECT seq, action, summary FROM audit_auditevent ORDER BY seq"
        ).fetchall()
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        filed = [r for r in rows if r[1] == "permits.file_application"]
        summaries = [r[2] if isinstance(r[2], dict) else json.loads(r[2]) for r in rows]
        bare = [s["w"] for r, s in zip(rows, summaries, strict=True) if r[1] == "test.concurrent"]
        assert len(filed) == len(bare) == 2 * WRITES
        # The writers really overlapped: the events of one are not all before the other's.
        first_switch = next(i for i, w in enumerate(bare) if w != bare[0])
        assert bare[first_switch:].count(bare[0]) > 0, bare

        verified = _run(env, "manage.py", "verify_audit")
        assert verified.returncode == 0, verified.stderr
        assert verified.stdout.startswith("OK")

        db.execute("UPDATE audit_auditevent SET role = 'kepala_dinas' WHERE seq = 7")
        db.commit()
        db.close()
        broken = _run(env, "manage.py", "verify_audit")
        assert broken.returncode == 1
        assert "#7" in broken.stderr
