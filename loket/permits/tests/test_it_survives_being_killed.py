"""The real server and worker, killed with SIGKILL at random moments, lose nothing.

Real processes on one database (`loket.testing_db`: a migrated SQLite file, or the
PostgreSQL test database under DATABASE_URL): gunicorn serving Loket, and
`manage.py db_worker` delivering the outbox by SMS to a local HTTP gateway and by
email to a local SMTP server. Applicants and officers (password, then their TOTP
code) drive several files through the SOP over HTTP, one returned and resubmitted
for every other file. A seeded plan kills the server (mid-request), the worker
(mid-delivery, while the gateway holds its request, or a moment later) or both;
each is restarted and the drive goes on, re-reading each file's state since a
killed request may or may not have committed.

After every kill and at the end, the database must hold no half-done file: each
file's state agrees with its tasks, every task with its control-card entries (and
no entry without its task's change), every step with its output (draft, initials,
signature decision, sealed permit, collection), its audit events and its outbox
messages, with gap-free registration and permit numbers and every stored file on
disk with its recorded hash. At the end `manage.py verify_audit` passes.

The delivery guarantee asserted: every message is queued exactly once (one outbox
row per event) and reaches its gateway at least once, always under its idempotency
key; a worker killed after the gateway accepted a message but before marking it
sent sends it again with the same key, which the gateway dedupes (answering 409),
so each SMS reaches the phone exactly once. A gateway never sees a message more
times than the outbox row has attempts.

Time is compressed: an outbox lease of 2 s (production: 2 min), and the outbox sweep
(every minute in production) is enqueued by the test while it waits for the last
messages. FAULT_KILLS, FAULT_FILES and FAULT_SEED size the run: the bounded default
(2 kills, 3 files) runs in `make test`, `make faults` runs 6 kills on 6 files.
"""

import email
import hashlib
import json
import os
import random
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection, transaction
from django_otp.oath import totp

from loket.permits.messages import ABOUT_FILE
from loket.testing import MINIMAL_PDF, PASSWORD, jpeg_bytes
from loket.testing_db import shared_db_env, shared_db_rows

KILLS = int(os.environ.get("FAULT_KILLS", "2"))
FILES = int(os.environ.get("FAULT_FILES", "3"))
SEED = int(os.environ.get("FAULT_SEED", "7"))
DEADLINE_SECONDS = 240
RETURNED_FILES = range(0, FILES, 2)  # these are returned once at the check step

SETUP = """
import json, sys, django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django_otp.plugins.otp_totp.models import TOTPDevice
from loket.core.jobs import ensure_scheduled
from loket.testing import (
    SIGNING_PASSPHRASE, ensure_signing_certificate, load_sikts, make_applicant, make_officers
)
version = load_sikts()
office = version.service.office
officers = make_officers(office)
for step in version.spec.steps:
    if step.kind == "sign":  # the signer signs with a key of his own
        ensure_signing_certificate(officers[step.role])
applicants = [make_applicant(office, name=f"Pemohon Uji {i}") for i in range(int(sys.argv[1]))]
spec = version.spec
print(json.dumps({
    "service_id": version.service.pk,
    "officers": {
        role: {"username": u.username, "key": TOTPDevice.objects.get(user=u).key}
        for role, u in officers.items()
    },
    "applicants": [a.user.username for a in applicants],
    "steps": {s.no: s.role for s in spec.steps},
    "kinds": {s.no: s.kind for s in spec.steps},
    "passphrase": SIGNING_PASSPHRASE,
    "uploads": [
        [r.code, "pdf" in r.file_types] for r in spec.requirements_for("baru") if r.mandatory
    ],
    "checked": [r.code for r in spec.requirements_for("baru")],
}))
ensure_scheduled()
"""
# Stands in for the minute-by-minute sweep (requeue dead workers' tasks, resend rows
# whose lease ran out) so the test need not wait a minute for it.
SWEEP = """
import django; django.setup()
from loket.notify.tasks import sweep_outbox
sweep_outbox.enqueue(repeat=False)
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the outside world: an SMS gateway and a mail server -----------------------


class Gateway:
    """An HTTP SMS gateway that dedupes by idempotency key, as real ones do."""

    def __init__(self, on_request):
        self.lock = threading.Lock()
        self.requests = Counter()  # key -> requests received
        self.delivered = {}  # key -> text: what reached a phone, once per key
        self.on_request = on_request
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_port}/send"

    def _handler(self):
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                key = self.headers["Idempotency-Key"]
                with gateway.lock:
                    gateway.requests[key] += 1
                    seen = key in gateway.delivered
                    gateway.delivered.setdefault(key, body["text"])
                    number = sum(gateway.requests.values())
                if body["idempotency_key"] != key:
                    self.send_response(400)
                else:
                    # The plan may kill the worker now, while it waits for our answer.
                    gateway.on_request(number)
                    self.send_response(409 if seen else 200)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler


class Mailbox:
    """An SMTP server counting the mails received per idempotency key."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.lock = threading.Lock()
        self.received = Counter()
        self.message_ids = defaultdict(set)
        mailbox = self

        class Keep:
            async def handle_DATA(self, server, session, envelope):
                message = email.message_from_bytes(envelope.content)
                key = message["X-Idempotency-Key"]
                with mailbox.lock:
                    mailbox.received[key] += 1
                    mailbox.message_ids[key].add(message["Message-ID"])
                return "250 OK"

        self.port = _free_port()
        self.controller = Controller(Keep(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


# --- the processes ----------------------------------------------------------------


class Processes:
    """The web server (gunicorn) and the worker, each in its own process group."""

    def __init__(self, env, port, logs):
        self.env, self.port, self.logs = env, port, logs
        self.lock = threading.RLock()
        self.server = self.worker = None
        self.kills = []  # (target, moment) in order

    def _spawn(self, name, args):
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 - the child keeps it
        try:
            return subprocess.Popen(
                args,
                env=self.env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            log.close()

    def start_server(self):
        with self.lock:
            self.server = self._spawn(
                "server",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "loket.wsgi",
                    "-b",
                    f"127.0.0.1:{self.port}",
                    "-w",
                    "1",
                    "--timeout",
                    "120",
                ],
            )

    def start_worker(self):
        with self.lock:
            self.worker = self._spawn(
                "worker", [sys.executable, "manage.py", "db_worker", "--interval", "0.2"]
            )

    @staticmethod
    def _kill(proc):
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if proc is not None:
            proc.wait(30)

    def kill(self, target, moment):
        """SIGKILL the target(s) and start them again at once."""
        with self.lock:
            self.kills.append((target, moment))
            if target in ("server", "both"):
                self._kill(self.server)
                self.start_server()
            if target in ("worker", "both"):
                self._kill(self.worker)
                self.start_worker()

    def stop(self):
        with self.lock:
            self._kill(self.server)
            self._kill(self.worker)


# --- the people at the counter and at home -----------------------------------------


class Refused(AssertionError):
    pass


class Web:
    """HTTP sessions of the officers and applicants, surviving server restarts."""

    def __init__(self, base, on_post):
        self.base = base
        self.on_post = on_post
        self.posts = 0
        self.lost = 0  # POSTs whose answer the kill took
        self.took = {}  # kind of POST -> seconds its last answer took

    def wait_until_up(self, seconds=90):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                requests.get(self.base + "/layanan/", timeout=10)
                return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise AssertionError("the server did not come back")

    def get(self, session, path):
        while True:
            try:
                response = session.get(self.base + path, timeout=60)
            except requests.ConnectionError:
                self.wait_until_up()
                continue
            assert response.status_code == 200, (path, response.status_code, response.text)
            return response.json()

    def post(self, session, path, kind, **kwargs):
        """The response, or None when the server died before answering (outcome unknown).

        ``kind`` names the action (e.g. "complete 8"): how long its last run took times
        the kill moments, so that kills land inside requests, not only between them.
        """
        self.posts += 1
        typical = self.took.get(kind, 0.1)
        timer = self.on_post(self.posts, typical)
        begun = time.monotonic()
        headers = {"X-CSRFToken": session.cookies.get("csrftoken", ""), "Referer": self.base}
        try:
            response = session.post(self.base + path, headers=headers, timeout=60, **kwargs)
        except requests.ConnectionError:
            response = None
            self.lost += 1
        else:
            self.took[kind] = time.monotonic() - begun
        if timer is not None:
            timer.join()
        if response is not None and response.status_code not in (200, 201, 409):
            raise Refused(f"POST {path}: {response.status_code} {response.text[:500]}")
        return response

    def login(self, username, totp_key=None):
        session = requests.Session()
        page = session.get(self.base + "/masuk/", timeout=60)
        assert page.status_code == 200
        done = session.post(
            self.base + "/masuk/",
            data={
                "username": username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            headers={"Referer": self.base + "/masuk/"},
            timeout=60,
        )
        assert done.status_code == 200, done.text[:500]
        if totp_key is not None:
            # What the officer's authenticator app shows now, from the device's key.
            code = f"{totp(bytes.fromhex(totp_key)):06d}"
            verified = session.post(
                self.base + "/akun/verifikasi/",
                data={"otp_token": code, "csrfmiddlewaretoken": session.cookies["csrftoken"]},
                headers={"Referer": self.base + "/akun/verifikasi/"},
                timeout=60,
            )
            assert verified.status_code == 200, verified.text[:500]
        check = session.get(self.base + "/api/v1/permits/applications", timeout=60)
        assert check.status_code == 200, (username, check.status_code, check.text[:300])
        return session


class Drive:
    """Moves every file one action at a time, from what the server says its state is."""

    API = "/api/v1/permits"

    def __init__(self, web, setup):
        self.web = web
        self.setup = setup
        self.steps = {int(no): role for no, role in setup["steps"].items()}
        self.officers = {
            role: web.login(o["username"], o["key"])
            for role, o in setup["officers"].items()
            if role in self.steps.values()
        }
        self.applicants = [web.login(name) for name in setup["applicants"]]
        self.ids = [None] * len(self.applicants)
        photo = jpeg_bytes()
        self.files = {
            f"doc_{code}": (f"{code}.pdf" if pdf else f"{code}.jpg", MINIMAL_PDF if pdf else photo)
            for code, pdf in setup["uploads"]
        }

    def _filing(self):
        return {
            "service_id": self.setup["service_id"],
            "kind": "baru",
            "workplace_name": "Puskesmas Sail",
            "workplace_address": "Jl. Hangtuah, Pekanbaru",
            "str_number": "KTS 01.1.1.200.2.24-000999",
            "str_valid_until": "2030-06-30",
        }

    def _find(self, i):
        if self.ids[i] is None:
            mine = self.web.get(self.applicants[i], f"{self.API}/applications")["items"]
            assert len(mine) <= 1, mine  # a retried filing never files twice
            self.ids[i] = mine[0]["id"] if mine else None
        return self.ids[i]

    def act(self, i):
        """One action on file i; False once the file is collected."""
        me = self.applicants[i]
        pk = self._find(i)
        if pk is None:
            self.web.post(
                me, f"{self.API}/applications", "file", data=self._filing(), files=self.files
            )
            return True
        detail = self.web.get(me, f"{self.API}/applications/{pk}")
        status, step = detail["status"], detail["current_step"]
        if status == "collected":
            return False
        if status == "returned":
            ktp = {"doc_ktp": self.files["doc_ktp"]}
            self.web.post(me, f"{self.API}/applications/{pk}/resubmit", "resubmit", files=ktp)
            return True
        officer = self.officers[self.steps[step]]
        if step == 2 and i in RETURNED_FILES:
            card = self.web.get(me, f"{self.API}/applications/{pk}/card")
            if not any(e["event"] == "returned" for e in card):
                problems = {"ktp": "KTP tidak terbaca, pindai ulang."}
                payload = {"step_no": 2, "problems": problems, "note": ""}
                path = f"{self.API}/applications/{pk}/return"
                self.web.post(officer, path, "return", json=payload)
                return True
        if detail["task"]["received_at"] is None and (i + step) % 2 == 0:
            payload = {"step_no": step}
            path = f"{self.API}/applications/{pk}/receive"
            self.web.post(officer, path, f"receive {step}", json=payload)
            return True
        if self.setup["kinds"][str(step)] == "sign":
            # The signer reads the document's hash and signs with his own secret.
            shown = self.web.get(officer, f"/api/v1/issuance/{pk}/to-sign")
            payload = {
                "step_no": step,
                "document_sha256": shown["document_sha256"],
                "confirmed": True,
                "passphrase": self.setup["passphrase"],
            }
            self.web.post(officer, f"/api/v1/issuance/{pk}/sign", f"sign {step}", json=payload)
            return True
        payload = {"step_no": step, "checked": self.setup["checked"], "received_by": ""}
        path = f"{self.API}/applications/{pk}/complete"
        self.web.post(officer, path, f"complete {step}", json=payload)
        return True


# --- what the database must say ------------------------------------------------------

TABLES = {
    "applications": "SELECT id, reg_number, status, current_step, closed_at "
    "FROM permits_application",
    "tasks": "SELECT id, application_id, step_no, closed_at, outcome, received_at "
    "FROM permits_task ORDER BY id",
    "cards": "SELECT id, application_id, task_id, event FROM permits_controlcardentry",
    "approvals": "SELECT application_id, step_no, kind FROM permits_approval",
    "drafts": "SELECT application_id, stored_name, sha256 FROM permits_draft",
    "documents": "SELECT application_id, requirement, stored_name, sha256, replaced "
    "FROM permits_document",
    "permits": "SELECT application_id, id, seq, stored_name, sha256, signed_at, collected_at "
    "FROM permits_permit",
    "outbox": "SELECT id, about, idempotency_key, channel, status, attempts FROM notify_outbox",
    "audit": "SELECT action, object_type, object_id FROM audit_auditevent",
    "tasks_queue": "SELECT task_path, status FROM django_tasks_database_dbtaskresult",
}


def snapshot(env):
    """Every table of TABLES as of one moment: one read transaction, while the worker
    may be committing (a message marked sent and its audit event, together)."""
    if "SQLITE_PATH" in env:
        with closing(sqlite3.connect(env["SQLITE_PATH"], isolation_level=None)) as db:
            db.execute("BEGIN")
            rows = {name: db.execute(sql).fetchall() for name, sql in TABLES.items()}
            db.execute("COMMIT")
            return rows
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        rows = {}
        for name, sql in TABLES.items():
            cursor.execute(sql)
            rows[name] = cursor.fetchall()
        return rows


def _stored(media, name, sha256, what, problems):
    path = Path(media) / name[:2] / name
    if not path.is_file():
        problems.append(f"{what}: file {name} missing")
    elif hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        problems.append(f"{what}: file {name} does not match its hash")


def half_done(snap, media, uploads):
    """Every disagreement between a file's state and its records (empty: none)."""
    problems = []
    tasks, cards, approvals, drafts, documents, outbox = (defaultdict(list) for _ in range(6))
    for row in snap["tasks"]:
        tasks[row[1]].append(row)
    for row in snap["cards"]:
        cards[row[1]].append(row)
    for row in snap["approvals"]:
        approvals[row[0]].append(row)
    for row in snap["drafts"]:
        drafts[row[0]].append(row)
    for row in snap["documents"]:
        documents[row[0]].append(row)
    for row in snap["outbox"]:
        # The file a message is about, by the name it gives it ("permits.application:42").
        about = row[1]
        outbox[int(about[len(ABOUT_FILE) :]) if about.startswith(ABOUT_FILE) else None].append(row)
    permits = {row[0]: row for row in snap["permits"]}
    audit = Counter(snap["audit"])

    for pk, reg, status, current, closed_at in snap["applications"]:

        def problem(message, reg=reg):
            problems.append(f"{reg}: {message}")

        mine = tasks[pk]
        by_task = defaultdict(Counter)
        for _id, _app, task_id, event in cards[pk]:
            by_task[task_id][event] += 1
        if None in by_task:
            problem(f"control-card entries without a task: {dict(by_task[None])}")
        strangers = set(by_task) - {t[0] for t in mine} - {None}
        if strangers:
            problem(f"control-card entries of another file's tasks {strangers}")

        # The route: step 1, each hand-over opens the next step, a return waits for
        # the resubmission that reopens the same step; nothing after an open task.
        previous = None
        for task_id, _app, step_no, t_closed, outcome, received_at in mine:
            if (t_closed is None) != (outcome == ""):
                problem(f"task {task_id} closed={t_closed} with outcome {outcome!r}")
            expected = Counter()
            if step_no == 1:
                expected["filed"] = 1
            elif received_at is not None:
                expected["received"] = 1
            expected["handed_over"] = int(outcome == "done")
            expected["returned"] = int(outcome == "returned")
            if previous is None:
                if step_no != 1:
                    problem(f"the first task is at step {step_no}")
            elif previous[4] == "done":
                if step_no != previous[2] + 1:
                    problem(f"step {previous[2]} handed over to step {step_no}")
            elif previous[4] == "returned":
                expected["resubmitted"] = 1
                if step_no != previous[2]:
                    problem(f"a return at step {previous[2]} reopened step {step_no}")
            else:
                problem(f"task {task_id} opened while task {previous[0]} is still open")
            if +by_task[task_id] != +expected:
                problem(
                    f"task {task_id} (step {step_no}, {outcome or 'open'}): card "
                    f"{dict(+by_task[task_id])}, expected {dict(+expected)}"
                )
            previous = (task_id, _app, step_no, t_closed, outcome)

        open_tasks = [t for t in mine if t[3] is None]
        done = Counter(t[2] for t in mine if t[4] == "done")
        returns = sum(t[4] == "returned" for t in mine)
        if status in ("processing", "ready"):
            if len(open_tasks) != 1 or open_tasks[0][2] != current:
                problem(f"{status} at step {current} with open tasks {open_tasks}")
        elif open_tasks:
            problem(f"{status} with open tasks {open_tasks}")
        if status == "returned" and (not mine or mine[-1][4] != "returned"):
            problem("returned, but its last task was not returned")
        if (status == "collected") != bool(done[9]) or (status == "collected") != (
            closed_at is not None
        ):
            problem(f"{status}, closed_at={closed_at}, step 9 done {done[9]} times")
        if (status in ("ready", "collected")) != bool(done[8]):
            problem(f"{status} with step 8 done {done[8]} times")

        # Each step's output exists exactly when its step was handed over.
        if len(drafts[pk]) != done[3]:
            problem(f"{len(drafts[pk])} drafts, step 3 done {done[3]} times")
        kinds = Counter((step_no, kind) for _a, step_no, kind in approvals[pk])
        for step_no, kind in ((4, "paraf"), (5, "paraf"), (6, "paraf"), (7, "ttd")):
            if kinds[(step_no, kind)] != done[step_no]:
                problem(f"{kinds[(step_no, kind)]} {kind} at step {step_no}, done {done[step_no]}")
        permit = permits.get(pk)
        if (permit is not None) != bool(done[8]):
            problem(f"permit {permit}, step 8 done {done[8]} times")
        if permit is not None:
            _app, permit_pk, _seq, stored, sha, signed_at, collected_at = permit
            if not (stored and sha and signed_at):
                problem("a numbered permit that was not sealed")
            else:
                _stored(media, stored, sha, f"{reg} permit", problems)
            if (collected_at is not None) != bool(done[9]):
                problem(f"permit collected_at={collected_at}, step 9 done {done[9]} times")
        for _a, stored, sha in drafts[pk]:
            _stored(media, stored, sha, f"{reg} draft", problems)

        resubmits = sum(+by_task[t[0]]["resubmitted"] for t in mine)
        current_docs = Counter(d[1] for d in documents[pk] if not d[4])
        if current_docs != Counter(uploads) or len(documents[pk]) != len(uploads) + resubmits:
            problem(f"documents {sorted(d[1] for d in documents[pk])} after {resubmits} resubmits")
        for _a, requirement, stored, sha, _replaced in documents[pk]:
            _stored(media, stored, sha, f"{reg} document {requirement}", problems)

        # Every action is on the audit trail, in its own transaction.
        events = {
            action: audit[(action, "permits.application", str(pk))]
            for action in (
                "permits.file_application",
                "permits.complete_step",
                "permits.return_to_applicant",
                "permits.resubmit",
            )
        }
        wanted = {
            "permits.file_application": 1,
            "permits.complete_step": sum(n for s, n in done.items() if s >= 2),
            "permits.return_to_applicant": returns,
            "permits.resubmit": resubmits,
        }
        if events != wanted:
            problem(f"audit events {events}, expected {wanted}")

        # Messages: one outbox row per event, queued with the change that caused it.
        keys = {
            f"file_returned:{pk}:{n}:{ch}" for n in range(1, returns + 1) for ch in ("sms", "email")
        }
        if permit is not None:
            keys |= {f"permit_ready:{permit[1]}:sms", f"permit_ready:{permit[1]}:email"}
        if status == "collected":
            keys.add(f"survey_invite:{pk}:sms")
        queued = Counter(row[2] for row in outbox[pk])
        if set(queued) != keys or max(queued.values(), default=1) != 1:
            problem(f"outbox {sorted(queued)}, expected {sorted(keys)}")

    # Numbers are gap-free, across kills too.
    regs = sorted(int(row[1].rsplit("-", 1)[1]) for row in snap["applications"])
    if regs != list(range(1, len(regs) + 1)):
        problems.append(f"registration numbers with gaps: {regs}")
    seqs = sorted(row[2] for row in snap["permits"])
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append(f"permit numbers with gaps: {seqs}")
    if outbox[None]:
        problems.append(f"outbox rows of no file: {outbox[None]}")
    for pk, _about, key, _ch, status, _attempts in snap["outbox"]:
        sent = audit[("notify.message_sent", "notify.outbox", str(pk))]
        if sent != int(status == "sent"):
            problems.append(f"{key} is {status} with {sent} message_sent audit events")
        if status == "failed":
            problems.append(f"{key} failed")
    return problems


def _manage(env, *args, script=None):
    command = [sys.executable, *(("-c", script) if script else ("manage.py",)), *args]
    return subprocess.run(
        command, env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=300
    )


def _kill_plan(rng, posts, sms):
    """Which events trigger the kills: SMS sends for the worker, POSTs for the server.

    Targets cycle worker, server, both; the moments are random. The first worker kill
    lands while the gateway holds the request (accepted, not yet marked sent: the
    case that could send twice), later ones a random moment after a send.
    """
    plan = {"post": {}, "sms": {}}
    for n in range(KILLS):
        target = ("worker", "server", "both")[n % 3]
        if target == "worker":
            at = rng.choice([m for m in range(1, sms + 1) if m not in plan["sms"]])
            plan["sms"][at] = rng.uniform(0.0, 0.5) if plan["sms"] else 0.0
        else:
            at = rng.choice([p for p in range(1, posts + 1) if p not in plan["post"]])
            # A moment within the request, as a share of how long such a request took
            # (past 1: just after it answered).
            plan["post"][at] = (target, rng.uniform(0.0, 1.2))
    return plan


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_survives_sigkills_of_the_server_and_the_worker(tmp_path, demo_pki):
    """Files driven over HTTP while the server and worker are SIGKILLed and restarted:
    no half-done file after any kill, every message queued once and delivered once
    (per idempotency key), and an intact audit chain."""
    rng = random.Random(SEED)
    media = tmp_path / "private"
    (tmp_path / "logs").mkdir()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    processes = None
    kill_threads = []

    def kill_in(target, delay, moment):
        thread = threading.Timer(delay, processes.kill, (target, moment))
        thread.start()
        kill_threads.append(thread)
        return thread

    # Sizes the plan: about 12 POSTs per file, 2-3 SMS per file.
    plan = _kill_plan(rng, posts=FILES * 10, sms=FILES * 2)

    def on_sms(number):
        if number in plan["sms"]:
            delay = plan["sms"].pop(number)
            if delay == 0.0:
                processes.kill("worker", f"sms #{number}, before its answer")
            else:
                kill_in("worker", delay, f"sms #{number} +{delay:.2f}s")

    def on_post(number, typical):
        if number in plan["post"]:
            target, share = plan["post"].pop(number)
            delay = share * typical
            return kill_in(target, delay, f"POST #{number} +{delay:.2f}s")
        return None

    gateway = Gateway(on_sms)
    mailbox = Mailbox()
    env = dict(
        os.environ,
        **shared_db_env(tmp_path),
        DJANGO_SETTINGS_MODULE="loket.permits.tests.process_settings",
        DEBUG="false",
        # With DEBUG off the server refuses development secrets (loket/accounts/checks.py).
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        FIELD_HASH_KEY=secrets.token_urlsafe(48),
        AUDIT_KEY=secrets.token_urlsafe(48),
        LOG_LEVEL="ERROR",
        SITE_URL=base,
        VAR_DIR=str(tmp_path / "var"),
        PRIVATE_MEDIA_ROOT=str(media),
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        SMS_BACKEND="loket.notify.gateways.HttpSMS",
        SMS_HTTP_URL=gateway.url,
        SMS_HTTP_TIMEOUT="10",
        SMS_LEASE_SECONDS="2",
        SMS_RETRY_SECONDS="1",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(mailbox.port),
        SIGNING_TRUST_ROOTS=str(demo_pki.ca_cert_path),
    )
    started = time.time()
    try:
        made = _manage(env, str(FILES), script=SETUP)
        assert made.returncode == 0, made.stderr
        setup = json.loads(made.stdout.strip().splitlines()[-1])
        uploads = [code for code, _pdf in setup["uploads"]]

        processes = Processes(env, port, tmp_path / "logs")
        processes.start_server()
        processes.start_worker()
        web = Web(base, on_post)
        web.wait_until_up()
        drive = Drive(web, setup)

        def check(after):
            problems = half_done(snapshot(env), media, uploads)
            assert not problems, f"after {after}:\n" + "\n".join(problems)

        pending = list(range(FILES))
        checked_kills = 0
        while pending:
            assert time.time() - started < DEADLINE_SECONDS, "the files did not finish in time"
            for i in list(pending):
                if not drive.act(i):
                    pending.remove(i)
                if len(processes.kills) > checked_kills:
                    for thread in kill_threads:
                        thread.join()
                    web.wait_until_up()
                    checked_kills = len(processes.kills)
                    check(processes.kills[-1])

        # The worker catches up: requeue its dead predecessors' tasks, resend what
        # they left unconfirmed; then every message is sent.
        for thread in kill_threads:
            thread.join()
        deadline = time.time() + 90
        while True:
            rows = shared_db_rows(env, "SELECT status FROM notify_outbox")
            queue = shared_db_rows(
                env,
                "SELECT status FROM django_tasks_database_dbtaskresult "
                "WHERE task_path = 'loket.notify.tasks.deliver' AND status != 'SUCCESSFUL'",
            )
            if all(s == "sent" for (s,) in rows) and not queue:
                break
            assert time.time() < deadline, (Counter(rows), Counter(queue))
            swept = _manage(env, script=SWEEP)
            assert swept.returncode == 0, swept.stderr
            time.sleep(2)
        for thread in kill_threads:
            thread.join()

        snap = snapshot(env)
        check("the last kill")
        # The chain is append-only: intact now, it was intact after every kill.
        audit = _manage(env, "verify_audit")
        assert audit.returncode == 0, audit.stdout + audit.stderr
        assert {row[2] for row in snap["applications"]} == {"collected"}
        assert len(snap["applications"]) == FILES
        assert len(processes.kills) == KILLS, processes.kills

        # Exactly once to the phone, at least once to the gateway, never more often
        # than the outbox tried; the same for email (one Message-ID per key).
        attempts = {row[2]: row[5] for row in snap["outbox"]}
        sms = {key for key in attempts if key.endswith(":sms")}
        mails = {key for key in attempts if key.endswith(":email")}
        assert set(gateway.delivered) == sms
        assert set(gateway.requests) == sms
        assert all(gateway.requests[key] <= attempts[key] for key in sms), gateway.requests
        assert set(mailbox.received) == mails
        assert all(mailbox.received[key] <= attempts[key] for key in mails), mailbox.received
        assert all(len(ids) == 1 for ids in mailbox.message_ids.values())
        # The periodic sweep is still scheduled, once, whatever the kills interrupted.
        waiting = Counter(snap["tasks_queue"])[("loket.notify.tasks.sweep_outbox", "READY")]
        assert waiting == 1, snap["tasks_queue"]
        # Files written for a step whose transaction a kill cut off: named by no row,
        # harmless (reported, not cleaned up).
        named = {r[2] for r in snap["documents"]} | {r[1] for r in snap["drafts"]}
        named |= {r[3] for r in snap["permits"]}
        orphans = [p.name for p in media.rglob("*") if p.is_file() and p.name not in named]
        print(
            f"\nfault run (seed {SEED}): {FILES} files, kills {processes.kills}, "
            f"{web.lost} answers lost, {len(orphans)} orphaned files, "
            f"{time.time() - started:.0f}s; SMS requests {sum(gateway.requests.values())} "
            f"for {len(sms)} keys, mails {sum(mailbox.received.values())} for {len(mails)}"
        )
    finally:
        for thread in kill_threads:
            thread.cancel()
        if processes is not None:
            processes.stop()
        gateway.server.shutdown()
        mailbox.controller.stop()
