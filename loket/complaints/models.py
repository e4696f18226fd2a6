from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loket.core.models import AppendOnlyModel, Office
from loket.lib.crypto_fields import EncryptedCharField, phone_hash
from loket.permits.models import Application

# Channel codes are those of the standard's `complaints.channels` (schema.py).
LANGSUNG, SURAT, EMAIL, TELEPON, FAKS, INTERNET = (
    "langsung",
    "surat",
    "email",
    "telepon",
    "faks",
    "internet",
)
CHANNELS = [
    (LANGSUNG, _("Langsung (loket pengaduan)")),
    (SURAT, _("Surat/tertulis")),
    (EMAIL, _("Email")),
    (TELEPON, _("Telepon")),
    (FAKS, _("Faks")),
    (INTERNET, _("Internet (formulir daring)")),
]
RINGAN, SEDANG, BERAT = "ringan", "sedang", "berat"
WEIGHTS = [(RINGAN, _("Ringan")), (SEDANG, _("Sedang")), (BERAT, _("Berat"))]

# The default complaint types, for a standard without `complaints.types` (the types
# are data of the standard: loket.complaints.config). They follow the service-delivery
# components of PermenPANRB 15/2014 and the SKM elements, so the monthly report and
# the survey speak of the same things.
TYPES = [
    ("persyaratan", _("Persyaratan")),
    ("prosedur", _("Sistem, mekanisme dan prosedur")),
    ("waktu", _("Waktu penyelesaian")),
    ("biaya", _("Biaya/tarif")),
    ("produk", _("Produk layanan")),
    ("petugas", _("Kompetensi dan perilaku petugas")),
    ("sarana", _("Sarana dan prasarana")),
    ("lainnya", _("Lainnya")),
]


class Complaint(models.Model):
    """One complaint (pengaduan), whatever channel it came by."""

    NEW = "baru"
    WEIGHED = "ditimbang"
    COORDINATING = "koordinasi"
    READY = "siap_dijawab"
    ANSWERED = "dijawab"
    CLOSED = "selesai"
    STATUSES = [
        (NEW, _("Diterima, belum ditimbang")),
        (WEIGHED, _("Ditimbang, sedang ditangani")),
        (COORDINATING, _("Dalam koordinasi pimpinan")),
        (READY, _("Hasil koordinasi siap disampaikan")),
        (ANSWERED, _("Dijawab, menunggu penyampaian")),
        (CLOSED, _("Selesai, jawaban telah disampaikan")),
    ]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="complaints")
    ticket = models.CharField(_("nomor tiket"), max_length=30)
    tracking_code = models.CharField(_("kode lacak"), max_length=12)
    channel = models.CharField(_("saluran"), max_length=10, choices=CHANNELS)
    # The language the complainant wrote in: the acknowledgement and the answer go out in it.
    language = models.CharField(
        _("bahasa pesan"), max_length=5, choices=settings.LANGUAGES, default="id"
    )
    # A code of the office's standard (complaint_settings(office).types), not a fixed choice.
    type = models.CharField(_("jenis pengaduan"), max_length=20, default="lainnya")
    subject = models.CharField(_("perihal"), max_length=200, blank=True)
    description = models.TextField(_("uraian pengaduan"))
    # Identity as given; every field may be empty (anonymous complaints are allowed).
    name = models.CharField(_("nama pengadu"), max_length=200, blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    # Phone and fax numbers are encrypted at rest; `phone_hash` finds a number again.
    phone = EncryptedCharField(_("telepon"), max_length=30, blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    email = models.EmailField(_("email"), blank=True)
    fax = EncryptedCharField(_("faks"), max_length=30, blank=True)
    # The complaint form's privacy notice, acknowledged (optional: identity is too).
    privacy_acknowledged_at = models.DateTimeField(null=True, blank=True)
    # Set when the retention period ended and the identity above was cleared.
    anonymised_at = models.DateTimeField(_("dianonimkan"), null=True, blank=True)
    confidential = models.BooleanField(_("identitas dirahasiakan"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaints",
    )
    reference = models.CharField(_("nomor registrasi/izin terkait"), max_length=80, blank=True)
    application = models.ForeignKey(
        Application, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    # Open311 lets a report carry a place; complaints about a service rarely need one.
    lat = models.FloatField(null=True, blank=True)
    long = models.FloatField(null=True, blank=True)
    address_string = models.CharField(max_length=300, blank=True)
    # Open311's media_url: a link to a photo the reporter hosts elsewhere, kept as a link
    # (never fetched: the server does not call addresses strangers give it).
    media_url = models.URLField(max_length=500, blank=True)
    via_open311 = models.BooleanField(default=False)

    weight = models.CharField(_("bobot"), max_length=10, choices=WEIGHTS, blank=True)
    weight_reason = models.TextField(_("alasan bobot"), blank=True)
    status = models.CharField(_("status"), max_length=14, choices=STATUSES, default=NEW)
    received_at = models.DateTimeField(_("diterima"))
    due_at = models.DateTimeField(_("batas waktu"))
    decision = models.TextField(_("hasil keputusan/koordinasi"), blank=True)
    answer = models.TextField(_("jawaban"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivery_method = models.CharField(_("cara penyampaian"), max_length=20, blank=True)
    delivery_note = models.TextField(_("catatan penyampaian"), blank=True)
    delivered_at = models.DateTimeField(_("disampaikan"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    email_message_id = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        constraints = [models.UniqueConstraint(fields=["office", "ticket"], name="one_ticket")]
        indexes = [
            models.Index(fields=["ticket", "tracking_code"]),
            models.Index(fields=["office", "status", "due_at"]),
            models.Index(fields=["office", "received_at"]),
            # A month's complaints still open (the monthly report's overdue ones).
            models.Index(
                fields=["office", "received_at"],
                condition=Q(closed_at__isnull=True),
                name="open_complaints_by_month",
            ),
        ]
        ordering = ["-received_at", "-pk"]

    def __str__(self):
        return self.ticket

    def save(self, *args, **kwargs):
        # The hash follows the number wherever it is saved, so the two never disagree.
        self.phone_hash = phone_hash(self.phone)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "phone" in update_fields:
            kwargs["update_fields"] = {*update_fields, "phone_hash"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.pk])

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def is_late(self):
        end = self.closed_at or timezone.now()
        return end > self.due_at

    @property
    def has_contact(self):
        return bool(self.email or self.phone)


class Attachment(models.Model):
    """A file that came with a complaint (upload, scan or email attachment)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="attachments")
    kind = models.CharField(max_length=8)
    stored_name = models.CharField(max_length=80, unique=True)
    original_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("complaints:attachment", args=[self.pk])


class Event(AppendOnlyModel):
    """The complaint's history: every intake, weighing, coordination and answer."""

    RECEIVED = "received"
    WEIGHED = "weighed"
    REWEIGHED = "reweighed"
    TASK_OPENED = "task_opened"
    COORDINATED = "coordinated"
    DECIDED = "decided"
    ANSWERED = "answered"
    DELIVERED = "delivered"
    MESSAGE = "message"
    KINDS = [
        (RECEIVED, _("pengaduan diterima")),
        (WEIGHED, _("bobot ditetapkan")),
        (REWEIGHED, _("bobot diubah")),
        (TASK_OPENED, _("tugas koordinasi dibuka")),
        (COORDINATED, _("hasil koordinasi dicatat")),
        (DECIDED, _("keputusan dicatat")),
        (ANSWERED, _("jawaban dicatat")),
        (DELIVERED, _("jawaban disampaikan")),
        (MESSAGE, _("pesan lanjutan dari pengadu")),
    ]

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(max_length=14, choices=KINDS)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.complaint} {self.kind}"


class CoordinationTask(models.Model):
    """A medium or heavy complaint waiting on a leader (Kepala Bidang, Kepala Dinas)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="tasks")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=40)
    weight = models.CharField(max_length=10, choices=WEIGHTS)
    opened_at = models.DateTimeField()
    due_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Set when a reclassification makes the task moot.
    cancelled = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    # Heavy complaints: with whom the Kepala Dinas coordinated, and when.
    partner = models.CharField(max_length=30, blank=True)
    partner_name = models.CharField(max_length=200, blank=True)
    coordinated_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "role"],
                condition=Q(closed_at__isnull=True),
                name="one_open_complaint_task_per_role",
            )
        ]

    def __str__(self):
        return f"{self.complaint} {self.role}"

    @property
    def is_open(self):
        return self.closed_at is None


class InboundEmail(models.Model):
    """Each email read from the complaint mailbox, once, by its Message-ID."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    message_id = models.CharField(max_length=300)
    complaint = models.ForeignKey(
        Complaint, null=True, on_delete=models.PROTECT, related_name="emails"
    )
    sender = models.CharField(max_length=300, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    is_reply = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "message_id"], name="one_email_per_id")
        ]

    def __str__(self):
        return self.message_id


class RegisterEntry(AppendOnlyModel):
    """One line of the Buku Pengaduan; a later line about the same complaint corrects it."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="register_entries"
    )
    at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(max_length=40)
    complaint_date = models.DateField()
    identity = models.CharField(max_length=400, blank=True)
    confidential = models.BooleanField(default=False)
    type = models.CharField(max_length=20)
    weight = models.CharField(max_length=10, blank=True)
    channel = models.CharField(max_length=10)
    status = models.CharField(max_length=14)
    handling_minutes = models.IntegerField(null=True)

    class Meta:
        ordering = ["at", "pk"]
        # The book in its order (either way), read a page at a time.
        indexes = [
            models.Index(
                fields=["office", "complaint_date", "complaint", "id"], name="register_book_order"
            )
        ]

    def __str__(self):
        return f"{self.complaint} {self.reason}"


class MonthlyReport(models.Model):
    """The Laporan Pengaduan Pelayanan Publik of one month, through its review rounds."""

    DRAFT, SUBMITTED, RETURNED, APPROVED = "draft", "diajukan", "dikembalikan", "disetujui"
    STATUSES = [
        (DRAFT, _("Disusun")),
        (SUBMITTED, _("Diajukan ke Sekretaris")),
        (RETURNED, _("Dikembalikan untuk diperbaiki")),
        (APPROVED, _("Disetujui, diserahkan ke Kepala Dinas")),
    ]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    month = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=14, choices=STATUSES, default=DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    received_by_head_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year", "month"], name="one_report_a_month")
        ]
        ordering = ["-year", "-month"]

    def __str__(self):
        return f"{self.month:02d}/{self.year}"

    def get_absolute_url(self):
        return reverse("complaints:report", args=[self.pk])

    @property
    def latest(self):
        return self.versions.order_by("-number").first()


class ReportVersion(AppendOnlyModel):
    """One compiled round of a monthly report: its figures frozen as they were."""

    report = models.ForeignKey(MonthlyReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    data = models.JSONField()
    note = models.TextField(blank=True)
    compiled_at = models.DateTimeField()
    compiled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_report_version_number")
        ]

    def __str__(self):
        return f"{self.report} v{self.number}"


class ReportReview(AppendOnlyModel):
    """The Sekretaris's decision on one submitted version."""

    APPROVE, RETURN = "approve", "return"
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="reviews")
    decision = models.CharField(
        max_length=8, choices=[(APPROVE, _("setujui")), (RETURN, _("kembalikan"))]
    )
    notes = models.TextField(blank=True)
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)

    def __str__(self):
        return f"{self.version} {self.decision}"


class QuarantinedEmail(models.Model):
    """An inbound email that could not be read (an unknown charset, a broken structure):
    kept whole, with the reason, for the complaint clerk, while the mail after it is
    read on. Known by the hash of its bytes, so a message read again is kept once."""

    FOLDER = "folder"
    IMAP = "imap"
    SOURCES = [(FOLDER, _("folder surel")), (IMAP, _("kotak surel IMAP"))]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(_("diterima"), auto_now_add=True)
    source = models.CharField(_("sumber"), max_length=10, choices=SOURCES)
    # The file name in the folder, or the message's number in the IMAP mailbox.
    reference = models.CharField(_("rujukan"), max_length=300, blank=True)
    sha256 = models.CharField(max_length=64)
    sender = models.CharField(_("pengirim"), max_length=300, blank=True)
    subject = models.CharField(_("subjek"), max_length=300, blank=True)
    reason = models.TextField(_("alasan"))
    raw = models.BinaryField(_("pesan asli"))

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["office", "sha256"], name="one_quarantine_per_message")
        ]
        verbose_name = _("surel karantina")
        verbose_name_plural = _("surel karantina")

    def __str__(self):
        return f"{self.sha256[:12]} ({self.reason[:40]})"


class ComplaintRollup(models.Model):
    """A month's complaints (by the month received, in the site's time zone) per weight,
    channel, type and status: how many, closed, closed after the deadline, and the
    handling minutes of their closing lines. loket/complaints/rollups.py keeps them;
    the monthly report reads them."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()
    weight = models.CharField(max_length=10, blank=True)
    channel = models.CharField(max_length=10)
    type = models.CharField(max_length=20)
    status = models.CharField(max_length=14)
    n = models.PositiveIntegerField(default=0)
    closed = models.PositiveIntegerField(default=0)
    closed_late = models.PositiveIntegerField(default=0)
    timed = models.PositiveIntegerField(default=0)
    minutes = models.BigIntegerField(default=0)
    longest = models.IntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["office", "month"], name="complaint_rollup_month")]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.weight}/{self.channel}/{self.type}/{self.status}"


class ComplaintRollupMonth(models.Model):
    """One row per office and month: locked while the month's roll-up is recounted, so
    two complaints of one month written at once cannot each miss the other's change."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "month"], name="one_complaint_rollup_month")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}"
