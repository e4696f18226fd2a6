import json

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Applicant
from loket.core.models import AppendOnlyModel, Office
from loket.core.roles import role_label
from loket.lib.crypto_fields import EncryptedCharField
from loket.standards.models import StandardVersion


class Application(models.Model):
    """One application file (berkas) moving through its standard's SOP."""

    PROCESSING = "processing"
    RETURNED = "returned"
    READY = "ready"
    COLLECTED = "collected"
    STATUSES = [
        (PROCESSING, _("Sedang diproses")),
        (RETURNED, _("Dikembalikan untuk dilengkapi")),
        (READY, _("Izin siap diambil")),
        (COLLECTED, _("Selesai, izin telah diterima")),
    ]
    ONLINE, COUNTER = "online", "loket"
    CHANNELS = [(ONLINE, _("Daring")), (COUNTER, _("Loket"))]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="applications")
    version = models.ForeignKey(StandardVersion, on_delete=models.PROTECT, related_name="+")
    applicant = models.ForeignKey(Applicant, on_delete=models.PROTECT, related_name="applications")
    # One of the kinds of the standard the file was filed under (its `kinds:`).
    kind = models.CharField(_("jenis permohonan"), max_length=30)
    channel = models.CharField(_("saluran"), max_length=10, choices=CHANNELS)
    reg_number = models.CharField(_("nomor registrasi"), max_length=40)
    tracking_code = models.CharField(_("kode lacak"), max_length=12)
    status = models.CharField(_("status"), max_length=12, choices=STATUSES, default=PROCESSING)
    current_step = models.PositiveSmallIntegerField(_("langkah"), default=1)
    to_fix = models.JSONField(_("yang harus diperbaiki"), default=list, blank=True)
    # The applicant's answers to the standard's form (loket.standards.answers), checked
    # when filed; those of fields marked `personal` are kept apart, encrypted.
    answers = models.JSONField(_("isian formulir"), default=dict, blank=True)
    personal_answers = EncryptedCharField(
        _("isian data pribadi"), max_length=100_000, blank=True, default=""
    )
    filed_at = models.DateTimeField(_("diajukan"))
    due_at = models.DateTimeField(_("target selesai"))
    completed_at = models.DateTimeField(_("selesai diproses"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        constraints = [
            models.UniqueConstraint(fields=["office", "reg_number"], name="one_reg_number")
        ]
        indexes = [
            models.Index(fields=["reg_number", "tracking_code"]),
            models.Index(fields=["office", "status", "due_at"]),
            # Files filed in a period, per service (the survey's population, the
            # period's control cards): a range scan that needs no table row.
            models.Index(fields=["office", "filed_at", "version"], name="filed_in_period"),
        ]

    def __str__(self):
        return self.reg_number

    def get_absolute_url(self):
        return reverse("permits:detail", args=[self.pk])

    # A page that read plain values sets the spec it already has (verify_views).
    spec_override = None

    @property
    def spec(self):
        return self.spec_override or self.version.spec

    @property
    def step(self):
        return self.spec.step(self.current_step)

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def open_step(self):
        """The step an officer holds the file at, or None while it is with the
        applicant (returned) or done. The engine opens the current step's task in the
        same transaction that sets the status, so the status says it without reading
        the tasks (one open task per file is a database constraint)."""
        return self.current_step if self.status in (self.PROCESSING, self.READY) else None

    @property
    def finished_at(self):
        """When the file was finished (permit ready, or closed), else None: a finished
        file shows this date, never a future estimate."""
        return self.completed_at or self.closed_at

    @property
    def current_role_label(self):
        return role_label(self.step.role)

    @property
    def kind_name(self):
        return self.spec.kind_name(self.kind)

    @property
    def to_fix_items(self):
        return self.fix_items(self.to_fix)

    def fix_items(self, items):
        """What the applicant must fix (`to_fix`, or a card entry's copy of it), each
        item named in the active language: the requirement's name from the standard,
        "Lainnya" or the officer's note ("Catatan"). The name stored with the item (in
        the officer's language on the day) stays only for a requirement the standard
        no longer has."""
        names = {r.code: r.name for r in self.spec.requirements}
        out = []
        for item in items or ():
            code = item.get("requirement")
            if not code:
                name = _("Catatan")
            elif code == "lainnya":
                name = _("Lainnya")
            else:
                name = names.get(code, item.get("name", code))
            out.append({**item, "name": name})
        return out

    def all_answers(self):
        """Every answer of the form, the personal ones decrypted."""
        personal = json.loads(self.personal_answers) if self.personal_answers else {}
        return {**self.answers, **personal}

    def set_answers(self, answers):
        """Store checked answers, the personal ones apart (encrypted)."""
        personal_keys = {f.key for f in self.spec.form if f.personal}
        self.answers = {k: v for k, v in answers.items() if k not in personal_keys}
        personal = {k: v for k, v in answers.items() if k in personal_keys}
        self.personal_answers = json.dumps(personal, ensure_ascii=False) if personal else ""

    def answer(self, key, default=None):
        return self.all_answers().get(key, default)


class Document(models.Model):
    """An uploaded requirement document, stored under a server-made name."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    requirement = models.CharField(_("persyaratan"), max_length=60)
    kind = models.CharField(max_length=8)
    stored_name = models.CharField(max_length=80, unique=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    round = models.PositiveSmallIntegerField(default=1)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    replaced = models.BooleanField(default=False)
    # The file was deleted when the retention period ended; the row (name, size, hash)
    # stays as the record of what was handed in.
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requirement", "-uploaded_at"]

    def __str__(self):
        return f"{self.requirement}: {self.original_name}"

    def get_absolute_url(self):
        return reverse("permits:document", args=[self.pk])


class Task(models.Model):
    """An open or finished SOP step of a file, in the inbox of its role."""

    DONE, RETURNED = "done", "returned"
    OUTCOMES = [(DONE, _("selesai")), (RETURNED, _("dikembalikan"))]

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="tasks")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    step_no = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=40)
    opened_at = models.DateTimeField()
    due_at = models.DateTimeField()
    received_at = models.DateTimeField(null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=OUTCOMES, blank=True)

    class Meta:
        constraints = [
            # At most one open step per file: the engine's invariant, held by the database.
            models.UniqueConstraint(
                fields=["application"], condition=Q(closed_at__isnull=True), name="one_open_task"
            )
        ]
        indexes = [
            models.Index(
                fields=["office", "role", "due_at"],
                condition=Q(closed_at__isnull=True),
                name="open_tasks_by_role",
            )
        ]

    def __str__(self):
        return f"{self.application} langkah {self.step_no}"

    @property
    def is_open(self):
        return self.closed_at is None


class ControlCardEntry(AppendOnlyModel):
    """One line of the kartu kendali: a receipt or hand-over of the file at a step."""

    FILED = "filed"
    RECEIVED = "received"
    HANDED_OVER = "handed_over"
    RETURNED = "returned"
    RESUBMITTED = "resubmitted"
    # Written by issuance: a corrected draft sends the file back to the first initial,
    # and the Kepala Dinas revokes an issued permit; both with a reason in details.
    REDRAFTED = "redrafted"
    REVOKED = "revoked"
    EVENTS = [
        (FILED, _("berkas diajukan")),
        (RECEIVED, _("diterima")),
        (HANDED_OVER, _("diserahkan ke langkah berikutnya")),
        (RETURNED, _("dikembalikan ke pemohon")),
        (RESUBMITTED, _("diajukan kembali oleh pemohon")),
        (REDRAFTED, _("draf dicetak ulang, paraf diulang")),
        (REVOKED, _("izin dicabut")),
    ]

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="card_entries"
    )
    task = models.ForeignKey(Task, null=True, on_delete=models.PROTECT, related_name="+")
    step_no = models.PositiveSmallIntegerField()
    role = models.CharField(max_length=40)
    event = models.CharField(max_length=12, choices=EVENTS)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    officer_name = models.CharField(max_length=200)
    at = models.DateTimeField()
    standard_minutes = models.PositiveIntegerField(null=True)
    elapsed_minutes = models.IntegerField(null=True)
    late_minutes = models.IntegerField(null=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["application", "at"])]

    def __str__(self):
        return f"{self.application} {self.step_no} {self.event}"

    @property
    def is_late(self):
        return self.late_minutes is not None and self.late_minutes > 0


class Draft(models.Model):
    """A generated permit draft (blanko); initials are recorded against its hash."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="drafts")
    stored_name = models.CharField(max_length=80, unique=True)
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"draf {self.application} {self.sha256[:12]}"


class Approval(AppendOnlyModel):
    """An initial (paraf) or the signature decision (TTD) on one exact draft."""

    INITIAL, SIGNATURE = "paraf", "ttd"
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="approvals")
    step_no = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8)
    draft = models.ForeignKey(Draft, null=True, on_delete=models.PROTECT)
    draft_sha256 = models.CharField(max_length=64, blank=True)
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    at = models.DateTimeField()

    def __str__(self):
        return f"{self.kind} {self.application} langkah {self.step_no}"


class Permit(models.Model):
    """The issued permit: its number and state."""

    VALID, REVOKED = "valid", "revoked"
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="permit")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("nomor izin"), max_length=80)
    year = models.PositiveIntegerField()
    seq = models.PositiveIntegerField()
    numbered_at = models.DateTimeField()
    # The last day it is valid (None: for life), from the standard's validity rule when
    # it was numbered (loket.standards.validity): every status shown reads this.
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)
    verify_code = models.CharField(max_length=16, unique=True)
    status = models.CharField(max_length=10, default=VALID)
    # The sealed (PAdES-signed) permit, stored privately; sha256 of the exact bytes
    # issued, so an uploaded copy can be checked byte for byte.
    stored_name = models.CharField(max_length=80, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    collected_at = models.DateTimeField(null=True, blank=True)
    collected_by = models.CharField(max_length=200, blank=True)
    collected_via = models.CharField(max_length=12, blank=True)
    # How the permit reached its holder, as people read it (loket.permits.issuance's codes).
    COLLECTED_VIA_LABELS = {
        "counter": _("diambil di loket"),
        "proxy": _("diambil oleh kuasa"),
        "online": _("diterima secara elektronik"),
    }
    proxy_document = models.CharField(max_length=80, blank=True)
    letter_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "number"], name="one_permit_number")
        ]

    def __str__(self):
        return self.number

    @property
    def collected_via_label(self):
        return self.COLLECTED_VIA_LABELS.get(self.collected_via, self.collected_via)


# --- Roll-ups (loket/permits/rollups.py keeps them; `manage.py rebuild_rollups` rebuilds
# them). Counts and sums per office, service, month and step, updated in the transaction
# of the write that changes them, so a year's report reads a few thousand rows whatever
# the number of files. A month is the first day of the month in the office's time zone:
# every report period (quarter, semester, year) is a run of whole months.


class HandoverRollup(models.Model):
    """Hand-overs of one quarter at one step by one officer that took the same working
    minutes: a histogram the supervision figures (median, 90th percentile) read exactly.
    Kept per quarter, not month: a year then reads a quarter as many rows (the distinct
    working times of a step repeat in every month)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    service_id = models.IntegerField()
    # The first day of the quarter: every supervision period is a run of quarters.
    quarter = models.DateField()
    step_no = models.PositiveSmallIntegerField()
    # The officer's id, 0 for a hand-over without one (a NULL would escape the unique key).
    officer_key = models.IntegerField()
    elapsed_minutes = models.IntegerField()
    role = models.CharField(max_length=40)
    n = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    late_minutes = models.BigIntegerField(default=0)
    standard_minutes = models.PositiveIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "office",
                    "quarter",
                    "service_id",
                    "step_no",
                    "officer_key",
                    "elapsed_minutes",
                ],
                name="one_handover_rollup",
            )
        ]

    def __str__(self):
        return f"{self.quarter:%Y-%m} langkah {self.step_no}: {self.n} x {self.elapsed_minutes}"


class LateHandover(models.Model):
    """The worst late hand-overs: the 50 most minutes late of each (office, service,
    quarter, officer), so the 50 worst of any period, service or officer are among them."""

    entry = models.OneToOneField(ControlCardEntry, on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    service_id = models.IntegerField()
    # The first day of the quarter: every supervision period is a run of quarters.
    quarter = models.DateField()
    officer_key = models.IntegerField()
    late_minutes = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(
                fields=["office", "service_id", "quarter", "officer_key", "-late_minutes", "entry"],
                name="late_handover_group",
            ),
            models.Index(fields=["office", "quarter"], name="late_handover_quarter"),
        ]

    def __str__(self):
        return f"{self.quarter:%Y-%m} entry {self.entry_id}: {self.late_minutes}"


class FilingRollup(models.Model):
    """Files filed per office, service and month (the IKM's population)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    service_id = models.IntegerField()
    month = models.DateField()
    filed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "month", "service_id"], name="one_filing_rollup"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} layanan {self.service_id}: {self.filed}"


class IssueRollup(models.Model):
    """Per office and month of numbering: permits numbered, and the files among them with
    hand-overs up to the number and those hand-overs' working minutes (the dashboard)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    permits = models.PositiveIntegerField(default=0)
    files = models.PositiveIntegerField(default=0)
    minutes = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["office", "month"], name="one_issue_rollup")]

    def __str__(self):
        return f"{self.month:%Y-%m}: {self.permits}"


class SigningCertificate(models.Model):
    """An officer's personal signing certificate (one active at a time per officer).

    ``local``: the key is a PKCS#12 file (``key_file``) encrypted with a passphrase
    only the officer knows. ``bsre``: the key is at BSrE's signing service, found
    by the officer's NIK (``identity``). The certificate itself is kept (PEM) to
    check that a signature was made with exactly this certificate.
    """

    LOCAL, BSRE = "local", "bsre"
    BACKENDS = [(LOCAL, _("Kunci lokal (PKCS#12)")), (BSRE, _("BSrE (layanan TTE)"))]
    ACTIVE, ROTATED, REVOKED = "active", "rotated", "revoked"
    STATUSES = [
        (ACTIVE, _("Aktif")),
        (ROTATED, _("Diganti")),
        (REVOKED, _("Dicabut")),
    ]
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signing_certificates"
    )
    backend = models.CharField(max_length=8, choices=BACKENDS)
    subject = models.CharField(max_length=200)
    issuer = models.CharField(max_length=200)
    serial = models.CharField(max_length=80)
    fingerprint = models.CharField(max_length=64, unique=True)
    certificate_pem = models.TextField()
    not_before = models.DateTimeField()
    not_after = models.DateTimeField()
    key_file = models.CharField(max_length=300, blank=True)
    # The NIK at the signing service: personal data, encrypted at rest.
    identity = EncryptedCharField(max_length=16, blank=True)
    status = models.CharField(max_length=8, choices=STATUSES, default=ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["not_after", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer"],
                condition=Q(status="active"),
                name="one_active_signing_certificate_per_officer",
            )
        ]

    def __str__(self):
        return f"{self.subject} ({self.serial})"


class SignatureAct(AppendOnlyModel):
    """The Kepala Dinas's (or a Plt/Plh's) own electronic signature at step 7.

    ``document_sha256`` is the hash of the exact document shown to the signer
    (and typed back by the form), ``stored_name``/``sha256`` the signed file.
    """

    SELF, PLT, PLH = "", "plt", "plh"
    CAPACITIES = [
        (SELF, _("Kepala Dinas")),
        (PLT, _("Plt. Kepala Dinas")),
        (PLH, _("Plh. Kepala Dinas")),
    ]
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="signature_acts"
    )
    approval = models.OneToOneField(Approval, on_delete=models.PROTECT, related_name="act")
    certificate = models.ForeignKey(SigningCertificate, on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(max_length=3, blank=True, choices=CAPACITIES)
    document_sha256 = models.CharField(max_length=64)
    stored_name = models.CharField(max_length=80, unique=True)
    sha256 = models.CharField(max_length=64)
    verify_code = models.CharField(max_length=16)
    signed_at = models.DateTimeField()

    class Meta:
        ordering = ["-signed_at", "-pk"]

    def __str__(self):
        return f"TTE {self.application} {self.sha256[:12]}"
