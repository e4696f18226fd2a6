from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loket.core.models import Office
from loket.permits.models import Application
from loket.standards.models import Service
from loket.surveys import periods

SCORE_CHOICES = [(1, "1"), (2, "2"), (3, "3"), (4, "4")]


class SurveySetting(models.Model):
    """An office's survey settings; without one the standard's `survey.period` rules."""

    PERIODS = [
        (periods.YEARLY, _("Tahunan")),
        (periods.SEMESTER, _("Semesteran")),
        (periods.QUARTER, _("Triwulanan")),
    ]
    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="survey_setting")
    period = models.CharField(_("periode survei"), max_length=10, choices=PERIODS)

    class Meta:
        verbose_name = _("pengaturan survei")
        verbose_name_plural = _("pengaturan survei")

    def __str__(self):
        return f"{self.office}: {self.get_period_display()}"


class SurveyInvitation(models.Model):
    """The one survey an applicant may answer for a completed file, reached by token."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="survey_invitation"
    )
    token = models.CharField(max_length=43, unique=True)
    created_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan survei")
        verbose_name_plural = _("undangan survei")

    def __str__(self):
        return f"survei {self.application}"

    def get_absolute_url(self):
        return reverse("surveys:invited", args=[self.token])

    @property
    def public_url(self):
        """The full link to put in an SMS, email or on a receipt."""
        return settings.SITE_URL + self.get_absolute_url()


class KioskDevice(models.Model):
    """A counter kiosk an officer registered in the office: its browser holds a long
    random token (a cookie), the database only the token's SHA-256. Responses from it
    count in the IKM; revoking it stops that at once."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("nama perangkat"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("perangkat kios survei")
        verbose_name_plural = _("perangkat kios survei")
        ordering = ["-registered_at"]

    def __str__(self):
        return self.name

    @property
    def active(self):
        return self.revoked_at is None


class SurveyResponse(models.Model):
    """One respondent's answers: nine elements scored 1-4 (null: not answered).

    Only `counted` responses enter the IKM: those tied to a service event (a file's
    invitation, used once; a registered kiosk). The others are kept apart with the
    reason in `held`: anonymous (no invitation, no registered kiosk: never counted),
    a burst or a duplicate from one kiosk (counted only if an officer accepts it).
    """

    LINK, KIOSK, QR = "link", "kiosk", "qr"
    CHANNELS = [(LINK, _("Tautan undangan")), (KIOSK, _("Kios loket")), (QR, _("Kode QR"))]
    MALE, FEMALE = "L", "P"
    SEXES = [(MALE, _("Laki-laki")), (FEMALE, _("Perempuan"))]
    EDUCATION = [
        ("sd", _("SD ke bawah")),
        ("smp", _("SMP")),
        ("sma", _("SMA/sederajat")),
        ("d123", _("D1/D2/D3")),
        ("s1", _("D4/S1")),
        ("s2", _("S2")),
        ("s3", _("S3")),
    ]
    OCCUPATIONS = [
        ("pns", _("PNS/ASN")),
        ("tni_polri", _("TNI/Polri")),
        ("swasta", _("Pegawai swasta")),
        ("wirausaha", _("Wirausaha")),
        ("pelajar", _("Pelajar/mahasiswa")),
        ("lainnya", _("Lainnya")),
    ]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    invitation = models.OneToOneField(
        SurveyInvitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    ANONYMOUS, BURST, DUPLICATE = "anonymous", "burst", "duplicate"
    HELD = [
        (ANONYMOUS, _("Tanpa undangan atau kios terdaftar")),
        (BURST, _("Terlalu banyak dari satu kios dalam beberapa menit")),
        (DUPLICATE, _("Jawaban kembar dari satu kios")),
    ]
    channel = models.CharField(max_length=8, choices=CHANNELS)
    device = models.ForeignKey(
        KioskDevice, null=True, blank=True, on_delete=models.PROTECT, related_name="responses"
    )
    counted = models.BooleanField(_("dihitung dalam IKM"), default=False)
    held = models.CharField(_("ditahan karena"), max_length=10, choices=HELD, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField()
    u1 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u2 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u3 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u4 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u5 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u6 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u7 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u8 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    u9 = models.PositiveSmallIntegerField(null=True, choices=SCORE_CHOICES)
    age = models.PositiveSmallIntegerField(_("umur"))
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=SEXES)
    education = models.CharField(_("pendidikan terakhir"), max_length=8, choices=EDUCATION)
    occupation = models.CharField(_("pekerjaan utama"), max_length=12, choices=OCCUPATIONS)
    comment = models.TextField(_("saran dan masukan"), blank=True)

    class Meta:
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")
        # The IKM of a period is one range scan of this index.
        indexes = [
            models.Index(fields=["office", "submitted_at", "service"]),
            # The IKM reads only counted responses of a period.
            models.Index(
                fields=["office", "submitted_at", "service"],
                condition=models.Q(counted=True),
                name="survey_counted_in_period",
            ),
            # Bursts and duplicates: a device's latest responses.
            models.Index(fields=["device", "submitted_at"], name="survey_device_recent"),
        ]

    def __str__(self):
        return f"SKM {self.service} {self.submitted_at:%Y-%m-%d}"


class FollowUpItem(models.Model):
    """Rencana tindak lanjut for an element that scored C or D in a period."""

    OPEN, APPROVED, DONE = "open", "approved", "done"
    STATUSES = [
        (OPEN, _("Menunggu pembahasan")),
        (APPROVED, _("Disetujui Sekretaris")),
        (DONE, _("Selesai")),
    ]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    period_key = models.CharField(_("periode"), max_length=8)
    element = models.CharField(_("unsur"), max_length=2)
    nrr = models.DecimalField(max_digits=6, decimal_places=3)
    mutu = models.CharField(max_length=1)
    problem = models.TextField(_("permasalahan"))
    action = models.TextField(_("rencana tindak lanjut"), blank=True)
    unit = models.CharField(_("unit penanggung jawab"), max_length=200, blank=True)
    deadline = models.DateField(_("batas waktu"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    progress_note = models.TextField(_("catatan progres"), blank=True)
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN)
    opened_at = models.DateTimeField()
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rencana tindak lanjut")
        verbose_name_plural = _("rencana tindak lanjut")
        ordering = ["period_key", "service_id", "element"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "service", "period_key", "element"], name="one_follow_up"
            )
        ]

    def __str__(self):
        return f"{self.period_key} {self.element}: {self.get_status_display()}"


class SurveyRollup(models.Model):
    """Respondents counted per office, service and month (the first day, in the site's
    time zone), by answer: item "all" counts every respondent; "u1".."u9" each score
    given to an element; "sex", "education", "occupation" and "age" the profile. The
    IKM, its trend, the answer distribution and the respondents' profile of any period
    read these (loket/surveys/rollups.py keeps them), not the responses."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    service_id = models.IntegerField()
    month = models.DateField()
    item = models.CharField(max_length=12)
    value = models.CharField(max_length=12, blank=True)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["office", "month", "service_id", "item", "value"],
                name="one_survey_rollup",
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.item}={self.value}: {self.n}"
