"""Rate limits hold across web processes: three gunicorn workers (as `make serve`
runs) on one database share one counter, so a limit of 10 lets 10 through, not 10 per
worker. The default cache is the database's (settings.CACHES), its table made by
`migrate`."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

LIMIT, TRIES = 10, 30


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def _wait_until_serving(url, server, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if server.poll() is not None:
            raise AssertionError("gunicorn exited")
        try:
            urllib.request.urlopen(url, timeout=5)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("gunicorn did not start")


@pytest.mark.slow
def test_it_counts_one_limit_across_three_gunicorn_workers(tmp_path):
    """30 lookups from one address, all at once, served by several of the three worker
    processes: exactly 10 answered, 20 refused with 429. The access log masks the
    tracking codes of the lookups."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CACHE_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="loket.settings",
        DEBUG="false",
        VAR_DIR=str(tmp_path / "var"),
        SQLITE_PATH=str(tmp_path / "shared.sqlite3"),
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        FIELD_HASH_KEY=secrets.token_urlsafe(48),
        AUDIT_KEY=secrets.token_urlsafe(48),
        RATE_TRACK=str(LIMIT),
    )
    root = settings.BASE_DIR
    migrated = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert migrated.returncode == 0, migrated.stderr
    port = _free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = open(tmp_path / "gunicorn.log", "w+")  # noqa: SIM115
    server = subprocess.Popen(
        [str(gunicorn), "loket.wsgi", "-b", f"127.0.0.1:{port}", "-w", "3"]
        + ["--logger-class", "loket.ops.access_log.MaskedAccessLogger"]
        # Each answer logged with the pid of the worker that gave it.
        + [
            "--access-logfile",
            str(tmp_path / "access.log"),
            "--access-logformat",
            "%(p)s %(s)s %(U)s %(r)s",
        ],
        env=env,
        cwd=root,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_serving(base + "/layanan/", server)
        # All at once, so every worker is kept busy and takes its share.
        with ThreadPoolExecutor(TRIES) as pool:
            answers = list(
                pool.map(_status, [f"{base}/lacak/?reg=X{n}&code=Y" for n in range(TRIES)])
            )
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
        log.close()
    assert answers.count(200) == LIMIT, answers
    assert answers.count(429) == TRIES - LIMIT
    access_log = (tmp_path / "access.log").read_text()
    served = [line.split()[:3] for line in access_log.splitlines()]
    lookups = [(pid, status) for pid, status, path in served if path == "/lacak/"]
    # The access log (as `make serve` writes it) holds no tracking code.
    assert "code=Y" not in access_log and "code=***" in access_log
    assert len(lookups) == TRIES
    assert len({pid for pid, _status in lookups}) >= 2, "the lookups all went to one worker"
