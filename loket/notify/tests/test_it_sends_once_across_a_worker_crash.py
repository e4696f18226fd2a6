"""A worker killed between the gateway's acceptance and "sent" causes no second SMS.

Real processes: `manage.py db_worker` on the database of `loket.testing_db`, sending through
HttpSMS to a gateway (a local HTTP server thread) that dedupes by idempotency key,
as real gateways do. The first worker is SIGKILLed while the gateway holds its
request; a restarted worker reclaims the message and sends it again with the same
key; the gateway delivers it once.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings

from loket.testing_db import shared_db_env, shared_db_rows

QUEUE = """
import django; django.setup()
from django.db import transaction
from loket.core.models import Office
from loket.notify.actions import queue_message
office = Office.objects.create(code="uji", name="Kantor Uji", city="Pekanbaru")
with transaction.atomic():
    m = queue_message(office, "sms", "081234567890", "survey_invite",
                      {"url": "http://x/"}, "crash-test:1:sms")
print(m.pk)
"""


class Gateway:
    def __init__(self):
        self.requests = []  # every idempotency key received
        self.delivered = {}  # key -> text: what reached a phone
        self.first = threading.Event()
        self.release = threading.Event()

    def handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers["Idempotency-Key"]
                assert key == body["idempotency_key"]
                gateway.requests.append(key)
                gateway.delivered.setdefault(key, body["text"])
                if len(gateway.requests) == 1:
                    gateway.first.set()
                    gateway.release.wait(30)  # the worker dies while we hold it
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        return Handler


def _status(env):
    [row] = shared_db_rows(env, "SELECT status, attempts FROM notify_outbox")
    return tuple(row)


def _worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait(predicate, seconds):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_delivers_one_sms_when_the_worker_dies_between_send_and_sent(tmp_path):
    """Kill -9 the worker while the gateway holds the request; after a restart the
    message ends 'sent' after 2 attempts, and the gateway delivered it exactly once."""
    gateway = Gateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), gateway.handler())
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = dict(
        os.environ,
        **shared_db_env(tmp_path),
        DJANGO_SETTINGS_MODULE="loket.settings",
        VAR_DIR=str(tmp_path / "var"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        SMS_BACKEND="loket.notify.gateways.HttpSMS",
        SMS_HTTP_URL=f"http://127.0.0.1:{server.server_port}/send",
        SMS_HTTP_TIMEOUT="60",
        SMS_LEASE_SECONDS="1",
    )
    run = dict(env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300)
    workers = []
    try:
        migrated = subprocess.run([sys.executable, "manage.py", "migrate"], **run)
        assert migrated.returncode == 0, migrated.stderr
        queued = subprocess.run([sys.executable, "-c", QUEUE], **run)
        assert queued.returncode == 0, queued.stderr

        workers.append(_worker(env))
        assert gateway.first.wait(120), "the worker never called the gateway"
        assert _status(env) == ("sending", 1)
        os.killpg(workers[0].pid, signal.SIGKILL)
        workers[0].wait(30)
        gateway.release.set()
        assert _status(env) == ("sending", 1)  # the crash left it unconfirmed

        workers.append(_worker(env))
        scheduled = subprocess.run([sys.executable, "manage.py", "schedule_jobs"], **run)
        assert scheduled.returncode == 0, scheduled.stderr
        assert _wait(lambda: _status(env)[0] == "sent", 120), _status(env)
        assert _status(env) == ("sent", 2)
        assert gateway.requests == ["crash-test:1:sms", "crash-test:1:sms"]
        assert list(gateway.delivered) == ["crash-test:1:sms"]  # one SMS reached the phone
    finally:
        gateway.release.set()
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(30)
        server.shutdown()
