"""Fill a database with a realistic office at a given scale, fast.

    DJANGO_SETTINGS_MODULE=bench.settings SQLITE_PATH=bench/bench.sqlite3 \
        python -m bench.generate --scale 100000

What it writes, for one office (the SIKTS office of standards/sikts.yaml):

* SCALE finished files filed during last year, each with its nine SOP tasks and its
  control card (filed, then received and handed over at every step, with working
  minutes spent, the step's standard and minutes late); 8% were returned once at
  step 2 and resubmitted. Each has its permit (gap-free number per year), a survey
  invitation, one survey response (85% by the invitation link, the rest at the
  kiosk), and its "permit ready" SMS (and an email for half of them), sent.
* OPEN_FO files open in the Front Office's inbox now (85% waiting at the check,
  15% ready to collect), and a few hundred open at every other step or returned.
* SCALE/20 complaints received last year, weighed, answered and closed (a few still
  open), with their events and their lines in the Buku Pengaduan; a few open now.

Why rows are written directly and not through `actions.py`: the actions do one file
at a time in its own transaction, with the working calendar, templates and PDF
rendering and sealing, tens of milliseconds a file at best: a million files would
take half a day or more. The
generator writes the same rows the actions would (same columns, same invariants:
one open task per file, elapsed = working minutes between the instants, late =
elapsed - standard, gap-free numbers, register lines as `_register` writes them),
in large batches. That is enough for a benchmark, which reads this data through
the app's own queries and pages; the tests of each app check that the actions write
it that way. Uploaded documents, drafts, approvals and sealed PDFs are not made
(no scenario reads them).

Time is counted in working minutes (bench/clock.py), so every generated duration is
exactly what the office's WorkCalendar would compute between the two instants.
"""

import argparse
import base64
import contextlib
import datetime
import json
import os
import random
import resource
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUMMARY = HERE / "generated.json"

OPEN_FO = 10_000
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CHUNK = 2_000  # files per transaction

# Working minutes spent at each step: (median, sigma) of a log-normal. Most steps
# finish within their standard; one in five or so runs late, and the Kepala Dinas's
# signature takes most of a working day.
STEP_TIMES = {
    2: (20, 0.6),
    3: (2, 0.6),
    4: (3, 0.6),
    5: (6, 0.6),
    6: (6, 0.7),
    7: (280, 0.6),
    8: (2, 0.6),
    9: (1.2, 0.5),
}
OFFICER_COUNTS = {
    "front_office": 4,
    "back_office": 2,
    "jf_ahli_muda": 2,
    "jf_ahli_madya": 2,
    "sekretaris": 1,
    "kepala_dinas": 1,
    "kepala_bidang": 2,
    "pengelola_pengaduan": 2,
}
FIRST_NAMES = (
    "Siti Ahmad Budi Dewi Rina Agus Sri Joko Nur Rahmat Fitri Hendra Yuli Dedi Wati Eko "
    "Intan Rudi Lestari Fajar Ayu Bayu Maya Hadi Putri Arif Ratna Yusuf Indah Teguh"
).split()
LAST_NAMES = (
    "Aminah Hidayat Santoso Lestari Marlina Wahyuni Fauzi Kurniawan Saputra Siregar "
    "Nasution Harahap Simanjuntak Pratama Rahayu Setiawan Hasibuan Lubis Putra Sari"
).split()
PLACES = ("Pekanbaru", "Kampar", "Siak", "Dumai", "Bengkalis", "Padang", "Medan", "Rokan Hulu")
STREETS = ("Jl. Sudirman", "Jl. Riau", "Jl. Arifin Ahmad", "Jl. Tuanku Tambusai", "Jl. Soekarno")
COMMENTS = (
    "Petugas ramah dan membantu.",
    "Prosesnya agak lama menunggu tanda tangan.",
    "Mohon informasi waktu penyelesaian lebih jelas.",
    "Ruang tunggu nyaman.",
    "Pelayanan cepat, terima kasih.",
)
COMPLAINT_CHANNELS = (
    ("internet", 35),
    ("langsung", 20),
    ("telepon", 15),
    ("email", 15),
    ("surat", 10),
    ("faks", 5),
)
COMPLAINT_TYPES = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "petugas", "sarana")
WEIGHTS = (("ringan", 60), ("sedang", 30), ("berat", 10))
# How each channel's answer goes back: the first of complaints.actions.DELIVERY_METHODS.
DELIVERY = {
    "surat": "surat",
    "telepon": "telepon",
    "faks": "faks",
    "langsung": "langsung",
    "email": "email",
    "internet": "halaman_lacak",
}
# Working minutes a complaint takes to close, by weight: (median, sigma).
COMPLAINT_TIMES = {"ringan": (500, 0.6), "sedang": (1300, 0.6), "berat": (3500, 0.5)}
# Survey answers per element: weights of the scores 1, 2, 3, 4; U3 (time) is weakest.
SCORE_WEIGHTS = {
    "u1": (2, 6, 52, 40),
    "u2": (2, 8, 55, 35),
    "u3": (5, 20, 50, 25),
    "u4": (1, 2, 17, 80),
    "u5": (2, 6, 55, 37),
    "u6": (1, 5, 50, 44),
    "u7": (1, 4, 45, 50),
    "u8": (3, 10, 55, 32),
    "u9": (3, 12, 55, 30),
}
UNANSWERED = {"u4": 0.03, "u9": 0.25}
EDUCATION = ("sma", "d123", "s1", "s1", "s2")
OCCUPATIONS = ("pns", "swasta", "swasta", "wirausaha", "lainnya")
TO_FIX = '[{"requirement": "str", "name": "STR", "problem": "Hasil pindai tidak terbaca."}]'


def _table(rng, median, sigma, size=4096):
    """Log-normal samples to draw from by index: much faster than drawing each one."""
    return [max(1, int(rng.lognormvariate(0, sigma) * median)) for _ in range(size)]


def _weighted(rng, pairs, size=1000):
    out = []
    for value, weight in pairs:
        out += [value] * weight
    return [rng.choice(out) for _ in range(size)]


class Generator:
    def __init__(
        self,
        scale,
        *,
        seed=2026,
        now=None,
        open_fo=OPEN_FO,
        progress=True,
        defer_indexes=True,
        threaded=True,
    ):
        from django.utils import timezone

        self.scale = scale
        self.open_fo = open_fo
        self.open_other = max(2, open_fo // 50)
        self.rng = random.Random(seed)
        self.now = now or timezone.now()
        self.progress = progress
        self.defer_indexes = defer_indexes
        self.threaded = threaded
        self.counts = {}

    # -- set-up --------------------------------------------------------------------

    def _setup(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.hashers import make_password
        from django.contrib.auth.models import Group
        from django.urls import reverse
        from django.utils import timezone

        from bench.bulk import Table
        from bench.clock import Clock
        from loket.accounts.models import Applicant, Officer
        from loket.complaints.models import Complaint, Event, RegisterEntry
        from loket.lib.crypto_fields import encrypt
        from loket.notify.models import Outbox
        from loket.permits.messages import about_file
        from loket.permits.models import Application, ControlCardEntry, Permit, Task
        from loket.standards.models import Service
        from loket.standards.samples import sample_answers
        from loket.surveys.models import SurveyInvitation, SurveyResponse

        service = Service.objects.select_related("office", "current").filter(code="sikts").first()
        if service is None:
            from loket.testing import load_sikts

            load_sikts()
            service = Service.objects.select_related("office", "current").get(code="sikts")
        self.service = service
        self.office = service.office
        # How an outbox message names and links its file (loket.permits.messages.naming),
        # the link made once: reversing a URL per message would slow the run down.
        self.about_file = about_file
        self.file_page = reverse("permits:detail", args=[918273645]).replace("918273645", "{}")
        self.version = service.current
        spec = self.version.spec
        calendar = self.office.calendar()
        per_day = calendar.minutes_per_day()
        self.steps = {s.no: s for s in spec.steps}
        self.standard = {no: s.time.working_minutes(per_day) for no, s in self.steps.items()}
        self.total_minutes = spec.total_time.working_minutes(per_day)
        self.number_format = spec.data.get("number_format", "{seq}/{year}")

        self.year = timezone.localtime(self.now).year
        self.last_year = self.year - 1
        first = datetime.date(self.last_year, 1, 1)
        last = timezone.localtime(self.now).date() + datetime.timedelta(days=120)
        self.clock = Clock(calendar, first, last)
        self.per_day = self.clock.per_day
        self.w_now = self.clock.of(self.now)

        User = get_user_model()
        password = make_password("bench-" + secrets.token_hex(8))
        self.officers = {}
        self.names = {}
        for role, count in OFFICER_COUNTS.items():
            group = Group.objects.get_or_create(name=role)[0]
            ids = []
            for n in range(1, count + 1):
                first_name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
                user, created = User.objects.get_or_create(
                    username=f"bench-{role}-{n}",
                    defaults={"first_name": first_name, "password": password},
                )
                if created:
                    user.groups.add(group)
                    Officer.objects.create(user=user, office=self.office)
                ids.append(user.pk)
                self.names[user.pk] = user.get_full_name() or user.username
            self.officers[role] = ids

        rng = self.rng
        self.step_samples = {no: _table(rng, *STEP_TIMES[no]) for no in STEP_TIMES}
        self.complaint_samples = {w: _table(rng, *COMPLAINT_TIMES[w]) for w in COMPLAINT_TIMES}
        self.score_tables = [
            (_weighted(rng, list(zip((1, 2, 3, 4), w, strict=True))), UNANSWERED.get(f))
            for f, w in SCORE_WEIGHTS.items()
        ]
        # By step number (index 0 unused): role, standard minutes, officers who act.
        self.roles = [None] + [self.steps[no].role for no in range(1, 10)]
        self.std = [None] + [self.standard[no] for no in range(1, 10)]
        self.step_officers = [None] + [self.officers[r] for r in self.roles[1:]]
        # Answers to the service's form (whatever it asks), made once per kind: text
        # answers get the file's number so rows differ; personal ones are encrypted
        # once (a fresh token per row would only cost time).
        self.answer_templates = {}
        for kind in spec.kinds:
            sample = sample_answers(spec, kind.code)
            personal = {f.key for f in spec.form if f.personal}
            plain = {k: v for k, v in sample.items() if k not in personal}
            private = {k: v for k, v in sample.items() if k in personal}
            texts = [f.key for f in spec.fields_for(kind.code) if f.type in ("text", "address")]
            token = encrypt(json.dumps(private)) if private else ""
            self.answer_templates[kind.code] = (plain, [k for k in texts if k in plain], token)

        self.applicants = Table(
            Applicant,
            [
                "id",
                "office_id",
                "full_name",
                "nik",
                "birth_place",
                "birth_date",
                "sex",
                "address",
                "phone",
                "email",
                "consented_at",
                "created_at",
            ],
        )
        self.apps = Table(
            Application,
            [
                "id",
                "office_id",
                "version_id",
                "applicant_id",
                "kind",
                "channel",
                "reg_number",
                "tracking_code",
                "status",
                "current_step",
                "to_fix",
                "answers",
                "personal_answers",
                "filed_at",
                "due_at",
                "completed_at",
                "closed_at",
                "created_by_id",
            ],
        )
        self.tasks = Table(
            Task,
            [
                "id",
                "application_id",
                "office_id",
                "step_no",
                "role",
                "opened_at",
                "due_at",
                "received_at",
                "received_by_id",
                "closed_at",
                "closed_by_id",
                "outcome",
            ],
        )
        self.cards = Table(
            ControlCardEntry,
            [
                "id",
                "application_id",
                "task_id",
                "step_no",
                "role",
                "event",
                "officer_id",
                "officer_name",
                "at",
                "standard_minutes",
                "elapsed_minutes",
                "late_minutes",
            ],
        )
        self.permits = Table(
            Permit,
            [
                "id",
                "application_id",
                "office_id",
                "number",
                "year",
                "seq",
                "numbered_at",
                "verify_code",
                "status",
                "signed_at",
                "signed_by_id",
                "collected_at",
                "collected_by",
                "collected_via",
            ],
        )
        self.invitations = Table(
            SurveyInvitation,
            ["id", "office_id", "application_id", "token", "created_at", "used_at"],
        )
        self.responses = Table(
            SurveyResponse,
            ["id", "office_id", "service_id", "invitation_id", "channel", "submitted_at"]
            + [f"u{i}" for i in range(1, 10)]
            + ["age", "sex", "education", "occupation", "comment", "counted"],
        )
        self.outbox = Table(
            Outbox,
            [
                "id",
                "office_id",
                "channel",
                "recipient",
                "subject",
                "body",
                "template_code",
                "idempotency_key",
                "status",
                "attempts",
                "sent_at",
                "created_at",
                "about",
                "reference",
                "link",
            ],
        )
        self.complaints = Table(
            Complaint,
            [
                "id",
                "office_id",
                "ticket",
                "tracking_code",
                "channel",
                "type",
                "subject",
                "description",
                "name",
                "address",
                "phone",
                "email",
                "confidential",
                "weight",
                "weight_reason",
                "status",
                "received_at",
                "due_at",
                "decision",
                "answer",
                "answered_at",
                "answered_by_id",
                "delivery_method",
                "delivery_note",
                "delivered_at",
                "delivered_by_id",
                "closed_at",
                "created_by_id",
                "updated_at",
            ],
        )
        self.events = Table(
            Event, ["id", "complaint_id", "kind", "at", "actor_id", "actor_name", "role", "text"]
        )
        self.register = Table(
            RegisterEntry,
            [
                "id",
                "office_id",
                "complaint_id",
                "at",
                "recorded_by_id",
                "reason",
                "complaint_date",
                "identity",
                "confidential",
                "type",
                "weight",
                "channel",
                "status",
                "handling_minutes",
            ],
        )
        self.tables = [
            self.applicants,
            self.apps,
            self.tasks,
            self.cards,
            self.permits,
            self.invitations,
            self.responses,
            self.outbox,
            self.complaints,
            self.events,
            self.register,
        ]
        self.reg_seq = {}
        self.permit_seq = {}
        self.complaint_seq = {}

    # -- helpers -------------------------------------------------------------------

    def _code(self):
        return "".join(self.rng.choices(TRACKING_ALPHABET, k=8))

    def _officer(self, role):
        ids = self.officers[role]
        return ids[int(self.rng.random() * len(ids))]

    def _next(self, counters, year):
        counters[year] = counters.get(year, 0) + 1
        return counters[year]

    def _flush(self):
        self.loader.submit([table.take() for table in self.tables])

    def _make_applicants(self, count):
        t, rng, now_text = self.applicants, self.rng, self.clock.text[0]
        first_id = None
        for serial in range(count):
            app_id = t.next_id()
            first_id = first_id or app_id
            sex = rng.choice("LP")
            t.add(
                (
                    app_id,
                    self.office.pk,
                    f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                    f"1471{app_id:012d}",
                    rng.choice(PLACES),
                    datetime.date(
                        rng.randint(1965, 2002), rng.randint(1, 12), rng.randint(1, 28)
                    ).isoformat(),
                    sex,
                    f"{rng.choice(STREETS)} No. {rng.randint(1, 300)}, Pekanbaru",
                    f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}",
                    f"pemohon{app_id}@example.org" if rng.random() < 0.5 else "",
                    now_text,
                    now_text,
                )
            )
            if serial % 20_000 == 19_999:
                self._flush()
        self._flush()
        return first_id

    # -- one file ------------------------------------------------------------------

    def _file(self, w0, upto, returned=False, returned_open=False):
        """Write a file filed at instant w0 whose steps before `upto` are done.

        `upto` 10 means finished (collected). Returns the application id. Written for
        speed (it runs a million times): local names, one random() per choice.
        """
        rnd = self.rng.random
        text, office, std, roles = self.clock.text, self.office.pk, self.std, self.roles
        pick, names = self.step_officers, self.names
        add_task, add_card = self.tasks.add, self.cards.add
        task_id, card_id = self.tasks.next_id, self.cards.next_id
        samples = self.step_samples
        app_id = self.apps.next_id()
        applicant = self.applicant_first + int(rnd() * self.applicant_n)
        online = rnd() < 0.5
        kind = "perpanjangan" if rnd() < 0.2 else "baru"
        year = self.clock.days[w0 // self.per_day].year
        seq = self._next(self.reg_seq, year)
        reg_number = f"SIKTS-{year}-{seq:05d}"
        fo = pick[1]
        filer = None if online else fo[int(rnd() * len(fo))]
        name = names.get(filer, "")
        # Step 1: filing is the submission step, done the moment the file arrives.
        tid = task_id()
        at = text[w0]
        add_task(
            (tid, app_id, office, 1, roles[1], at, text[w0 + std[1]], None, None, at)
            + (filer, "done")
        )
        add_card(
            (card_id(), app_id, tid, 1, "pemohon" if online else roles[1], "filed")
            + (filer, name, at, None, None, None)
        )
        add_card(
            (card_id(), app_id, tid, 1, roles[1], "handed_over", filer, name, at)
            + (std[1], 0, -std[1])
        )
        w = w0
        due = w0 + self.total_minutes
        completed = closed = None
        status, to_fix = "processing", "[]"
        for no in range(2, 10):
            role, ids = roles[no], pick[no]
            officer = ids[int(rnd() * len(ids))]
            name = names[officer]
            if no == 2 and returned:
                # Returned once, fixed by the applicant a few days later.
                elapsed = samples[2][int(rnd() * 4096)]
                got, end = w + int(rnd() * (elapsed // 2 + 1)), w + elapsed
                tid = task_id()
                add_task(
                    (tid, app_id, office, 2, role, text[w], text[w + std[2]], text[got])
                    + (officer, text[end], officer, "returned")
                )
                add_card(
                    (card_id(), app_id, tid, 2, role, "received", officer, name)
                    + (text[got], None, None, None)
                )
                add_card(
                    (card_id(), app_id, tid, 2, role, "returned", officer, name)
                    + (text[end], std[2], elapsed, elapsed - std[2])
                )
                w = end + self.per_day + int(rnd() * 4 * self.per_day)
                due = w + self.total_minutes
                tid = task_id()
                add_card(
                    (card_id(), app_id, tid, 2, "pemohon", "resubmitted", None, "")
                    + (text[w], None, None, None)
                )
            else:
                tid = task_id()
            if no == upto and not returned_open:
                # The open step: waiting, perhaps already received.
                got = w + int(rnd() * 60) if rnd() < 0.5 else None
                add_task(
                    (tid, app_id, office, no, role, text[w], text[w + std[no]])
                    + ((text[got], officer) if got else (None, None))
                    + (None, None, "")
                )
                if got:
                    add_card(
                        (card_id(), app_id, tid, no, role, "received", officer, name)
                        + (text[got], None, None, None)
                    )
                break
            elapsed = samples[no][int(rnd() * 4096)]
            got, end = w + int(rnd() * (elapsed // 2 + 1)), w + elapsed
            outcome = "returned" if no == upto else "done"
            add_task(
                (tid, app_id, office, no, role, text[w], text[w + std[no]], text[got])
                + (officer, text[end], officer, outcome)
            )
            add_card(
                (card_id(), app_id, tid, no, role, "received", officer, name)
                + (text[got], None, None, None)
            )
            add_card(
                (
                    card_id(),
                    app_id,
                    tid,
                    no,
                    role,
                    "handed_over" if no != upto else "returned",
                    officer,
                    name,
                    text[end],
                    std[no],
                    elapsed,
                    elapsed - std[no],
                )
            )
            if no == upto:
                # Sent back at the check; the file waits for the applicant, no task open.
                status, to_fix = "returned", TO_FIX
                break
            w = end
            if no == 8:
                completed = end
                status = "ready"
                self._permit(app_id, reg_number, applicant, end)
            elif no == 9:
                closed = end
                status = "collected"
                # The permit row of this file is the last one queued: record collection.
                row = self.permits.rows[-1]
                self.permits.rows[-1] = row[:11] + (text[end], "pemohon", "counter")
        self.apps.add(
            (
                app_id,
                office,
                self.version.pk,
                applicant,
                kind,
                "online" if online else "loket",
                reg_number,
                self._code(),
                status,
                min(upto, 9),
                to_fix,
                *self._answers(kind, app_id),
                text[w0],
                text[due],
                text[completed] if completed is not None else None,
                text[closed] if closed is not None else None,
                filer,
            )
        )
        if closed is not None:
            self._survey(app_id, closed)
        return app_id

    def _answers(self, kind, app_id):
        plain, texts, token = self.answer_templates[kind]
        answers = dict(plain)
        for key in texts:
            answers[key] = f"{answers[key]} {app_id}"
        return json.dumps(answers, ensure_ascii=False), token

    def _token(self, size):
        return (
            base64.urlsafe_b64encode(self.rng.getrandbits(8 * size).to_bytes(size))
            .decode("ascii")
            .rstrip("=")
        )

    def _permit(self, app_id, reg_number, applicant, at):
        rnd, text = self.rng.random, self.clock.text
        day = self.clock.days[at // self.per_day]
        seq = self._next(self.permit_seq, day.year)
        number = self.number_format.format(seq=seq, year=day.year, month=day.month)
        permit_id = self.permits.next_id()
        office = self.office.pk
        self.permits.add(
            (permit_id, app_id, office, number, day.year, seq, text[at], self._token(9))
            + ("valid", text[at], self.officers["kepala_dinas"][0], None, "", "")
        )
        phone = f"08{int(rnd() * 89) + 11}{int(rnd() * 90_000_000) + 10_000_000}"
        body = (
            f"Izin SIKTS Anda nomor {number} sudah selesai. Ambil di loket DPMPTSP "
            "Kota Pekanbaru dengan membawa tanda terima."
        )
        sent = text[min(at + 1, self.clock.end - 1)]
        # What the outbox names the file by, as permits.messages.naming gives it.
        about = (self.about_file(app_id), reg_number, self.file_page.format(app_id))
        self.outbox.add(
            (self.outbox.next_id(), office, "sms", phone, "", body, "permit_ready")
            + (f"permit_ready:{permit_id}:sms", "sent", 1, sent, text[at])
            + about
        )
        if rnd() < 0.5:
            self.outbox.add(
                (self.outbox.next_id(), office, "email", f"pemohon{applicant}@example.org")
                + ("Izin SIKTS Anda sudah selesai", body, "permit_ready")
                + (f"permit_ready:{permit_id}:email", "sent", 1, sent, text[at])
                + about
            )
        return permit_id

    def _survey(self, app_id, closed):
        rnd, text, clock = self.rng.random, self.clock.text, self.clock
        inv_id = self.invitations.next_id()
        by_link = rnd() < 0.85
        if by_link:
            at = min(closed + int(rnd() * 10 * self.per_day), clock.end - 1)
            channel, invitation = "link", inv_id
        else:
            at, channel, invitation = closed, "kiosk" if rnd() < 0.5 else "qr", None
        self.invitations.add(
            (inv_id, self.office.pk, app_id, self._token(32), text[closed])
            + (text[at] if by_link else None,)
        )
        scores = [
            None if missing and rnd() < missing else table[int(rnd() * 1000)]
            for table, missing in self.score_tables
        ]
        self.responses.add(
            (self.responses.next_id(), self.office.pk, self.service.pk, invitation, channel)
            + (text[at], *scores)
            + (
                20 + int(rnd() * 41),
                "L" if rnd() < 0.5 else "P",
                EDUCATION[int(rnd() * len(EDUCATION))],
                OCCUPATIONS[int(rnd() * len(OCCUPATIONS))],
                COMMENTS[int(rnd() * len(COMMENTS))] if rnd() < 0.1 else "",
                True,  # every response here answers a file's invitation: it counts
            )
        )

    # -- complaints ----------------------------------------------------------------

    def _complaint(self, wr, closed_share):
        rng, text, clock = self.rng, self.clock.text, self.clock
        cid = self.complaints.next_id()
        channel = self.complaint_channels[rng.getrandbits(10) % 1000]
        weight = self.complaint_weights[rng.getrandbits(10) % 1000]
        ctype = rng.choice(COMPLAINT_TYPES)
        day = clock.day(wr)
        seq = self._next(self.complaint_seq, day.year)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" if rng.random() < 0.9 else ""
        phone = f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}"
        email = f"pengadu{cid}@example.org" if channel in ("email", "internet") else ""
        address = f"{rng.choice(STREETS)} No. {rng.randint(1, 300)}" if channel == "surat" else ""
        confidential = rng.random() < 0.1
        by_officer = channel in ("langsung", "surat", "telepon", "faks")
        handler = self._officer("pengelola_pengaduan")
        recorder = handler if by_officer else None
        identity = ", ".join(p for p in (name, address, phone) if p) or "Tanpa identitas"
        events, register = self.events, self.register
        events.add(
            (events.next_id(), cid, "received", text[wr], recorder, self.names.get(recorder, ""))
            + ("pengelola_pengaduan" if recorder else "", "")
        )
        register.add(
            (register.next_id(), self.office.pk, cid, text[wr], recorder, "dicatat")
            + (clock.day_text[wr // self.per_day], identity, confidential, ctype, "", channel)
            + ("baru", None)
        )
        deadline = {"ringan": 2, "sedang": 5, "berat": 14}
        if closed_share == 0 and rng.random() < 0.5:
            weight = None  # some of today's complaints are not weighed yet
        if weight is None:
            status, due, last = "baru", wr + 2 * self.per_day, wr
            weight, answered = "", None
        else:
            weighed = wr + rng.randint(10, 240)
            due = wr + deadline[weight] * self.per_day
            status = "ditimbang" if weight == "ringan" else "koordinasi"
            events.add(
                (events.next_id(), cid, "weighed", text[weighed], handler, self.names[handler])
                + ("pengelola_pengaduan", "Bobot sesuai pedoman.")
            )
            register.add(
                (register.next_id(), self.office.pk, cid, text[weighed], handler)
                + ("bobot ditetapkan", clock.day_text[wr // self.per_day], identity)
                + (confidential, ctype, weight, channel, status, None)
            )
            last, answered = weighed, None
        closed = None
        if weight and rng.random() < closed_share:
            took = self.complaint_samples[weight][rng.getrandbits(12)]
            closed = max(wr + took, last + 2)
            answered = closed - 1
            status = "selesai"
            events.add(
                (events.next_id(), cid, "answered", text[answered], handler, self.names[handler])
                + ("", "Terima kasih, pengaduan Anda telah ditindaklanjuti.")
            )
            events.add(
                (events.next_id(), cid, "delivered", text[closed], handler, self.names[handler])
                + ("", "")
            )
            register.add(
                (register.next_id(), self.office.pk, cid, text[closed], handler, "selesai")
                + (clock.day_text[wr // self.per_day], identity, confidential, ctype, weight)
                + (channel, status, closed - wr)
            )
            last = closed
        self.complaints.add(
            (
                cid,
                self.office.pk,
                f"ADU-{day.year}-{seq:05d}",
                self._code(),
                channel,
                ctype,
                "",
                "Pengaduan tentang pelayanan izin: " + ctype,
                name,
                address,
                phone,
                email,
                confidential,
                weight,
                "Bobot sesuai pedoman." if weight else "",
                status,
                text[wr],
                text[due],
                "Hasil koordinasi pimpinan." if weight in ("sedang", "berat") and closed else "",
                "Terima kasih, pengaduan Anda telah ditindaklanjuti." if closed else "",
                text[answered] if answered else None,
                handler if answered else None,
                DELIVERY[channel] if closed else "",
                "" if not closed else "Disampaikan.",
                text[closed] if closed else None,
                handler if closed else None,
                text[closed] if closed else None,
                recorder,
                text[last],
            )
        )

    # -- the whole run -------------------------------------------------------------

    def run(self):
        from django.db import transaction

        from bench.bulk import Loader, indexes_deferred, reset_sequences
        from loket.accounts.models import Applicant
        from loket.complaints.models import Complaint, Event, RegisterEntry
        from loket.core.models import Sequence
        from loket.notify.models import Outbox
        from loket.permits.models import Application, ControlCardEntry, Permit, Task
        from loket.surveys.models import SurveyInvitation, SurveyResponse

        with transaction.atomic():
            self._setup()
        rng, _per_day = self.rng, self.per_day
        self.complaint_channels = _weighted(rng, COMPLAINT_CHANNELS)
        self.complaint_weights = _weighted(rng, WEIGHTS)
        open_files = self.open_fo + 6 * self.open_other + self.open_other // 2
        self.applicant_n = max(1, int(self.scale * 0.8) + open_files // 2)
        big = [
            Applicant,
            Application,
            Task,
            ControlCardEntry,
            Permit,
            SurveyInvitation,
            SurveyResponse,
            Outbox,
            Complaint,
            Event,
            RegisterEntry,
        ]
        deferred = indexes_deferred(big) if self.defer_indexes else contextlib.nullcontext()
        with deferred:
            self.loader = Loader(threaded=self.threaded)
            try:
                self._load(open_files)
            finally:
                self.loader.close()
            if self.progress and self.defer_indexes:
                print("Building indexes...", file=sys.stderr, flush=True)
        with transaction.atomic():
            for name, counters in (
                ("reg:sikts", self.reg_seq),
                ("permit:sikts", self.permit_seq),
                ("complaint", self.complaint_seq),
            ):
                for year, last in counters.items():
                    Sequence.objects.update_or_create(
                        office=self.office, name=name, year=year, defaults={"last": last}
                    )
        reset_sequences(big)
        self.counts = {t.name: t.written for t in self.tables}
        return self.counts

    def _load(self, open_files):
        rng, per_day = self.rng, self.per_day
        self.applicant_first = self._make_applicants(self.applicant_n)
        bar = _bar(self.scale + open_files, "files", self.progress)
        # Finished files: filed through last year, in order, so ids follow time.
        start = self.clock.first_of_year(self.last_year)
        stop = min(self.clock.first_of_year(self.year), self.w_now - 30 * per_day)
        span = max(stop - start, 1)
        for first in range(0, self.scale, CHUNK):
            last = min(first + CHUNK, self.scale)
            for i in range(first, last):
                w0 = start + int((i + rng.random()) * span / self.scale)
                self._file(w0, 10, returned=rng.random() < 0.08)
            self._flush()
            bar.update(last - first)
        # Open files: the Front Office's inbox, every other step, and some returned.
        plan = [(2, int(self.open_fo * 0.85)), (9, self.open_fo - int(self.open_fo * 0.85))]
        plan += [(no, self.open_other) for no in range(3, 9)]
        for upto, count in plan:
            for _ in range(count):
                wait = sum(self.step_samples[no][rng.getrandbits(12)] for no in range(2, upto))
                self._file(self.w_now - wait - rng.randint(1, 3 * per_day), upto)
            self._flush()
            bar.update(count)
        for _ in range(self.open_other // 2):
            self._file(self.w_now - rng.randint(1, 5 * per_day), 2, returned_open=True)
        self._flush()
        bar.update(self.open_other // 2)
        bar.close()
        # Complaints: SCALE/20 last year (3% still open), and a few open now.
        count = max(1, self.scale // 20)
        bar = _bar(count, "complaints", self.progress)
        for i in range(count):
            self._complaint(start + int((i + rng.random()) * span / count), closed_share=0.97)
            if i % CHUNK == CHUNK - 1:
                self._flush()
                bar.update(CHUNK)
        for _ in range(max(3, self.scale // 1000)):
            self._complaint(self.w_now - rng.randint(1, 10 * per_day), closed_share=0)
        self._flush()
        bar.update(count % CHUNK)
        bar.close()


def _bar(total, unit, enabled):
    from tqdm import tqdm

    return tqdm(total=total, unit=f" {unit}", disable=not enabled, file=sys.stderr, smoothing=0.1)


def rss_mb():
    """This process's peak resident memory so far, in MB (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=100_000, help="finished files (SCALE)")
    parser.add_argument("--open-fo", type=int, default=OPEN_FO, help="files open at the FO")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--summary", default=str(SUMMARY), help="where to write the summary")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench import bulk

    started = time.monotonic()
    if connection.vendor == "sqlite":
        # Always a fresh file: the scenarios expect exactly what this run generates.
        name = Path(connection.settings_dict["NAME"])
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(name) + suffix).unlink(missing_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    if connection.vendor == "postgresql":
        call_command("flush", verbosity=0, interactive=False)
    bulk.tune_for_loading()
    setup_rss = rss_mb()
    generator = Generator(
        args.scale, seed=args.seed, open_fo=args.open_fo, progress=not args.no_progress
    )
    counts = generator.run()
    # The rows went in around the ORM's post_save: count the report roll-ups from them,
    # as `manage.py rebuild_rollups` does after any bulk load.
    rolled = time.monotonic()
    call_command("rebuild_rollups", verbosity=0)
    rollup_seconds = round(time.monotonic() - rolled, 1)
    bulk.analyze()
    summary = {
        "scale": args.scale,
        "open_fo": args.open_fo,
        "seed": args.seed,
        "database": connection.vendor,
        "rows": counts,
        "total_rows": sum(counts.values()),
        "seconds": round(time.monotonic() - started, 1),
        "rollup_seconds": rollup_seconds,
        "peak_rss_mb": round(rss_mb(), 1),
        "setup_rss_mb": round(setup_rss, 1),
        "now": generator.now.isoformat(),
        "year": generator.last_year,
    }
    Path(args.summary).write_text(json.dumps(summary, indent=2) + "\n")
    print(json.dumps(summary))
    return summary


if __name__ == "__main__":
    main()
