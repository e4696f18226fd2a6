from datetime import time

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.lib.crypto_fields import EncryptedCharField, nik_hash
from loket.lib.workdays import WorkCalendar


def validate_number_format(value):
    """A number pattern must carry the sequence and format with seq, year and month only."""
    try:
        value.format(seq=1, year=2026, month=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(_("Format nomor tidak valid: %(e)s") % {"e": exc}) from exc
    if "{seq" not in value:
        raise ValidationError(_("Format nomor harus memuat {seq}."))


class Office(models.Model):
    """An office (instansi). Every record in Loket belongs to one."""

    code = models.SlugField(_("kode"), unique=True)
    name = models.CharField(_("nama"), max_length=200)
    city = models.CharField(_("kota/kabupaten"), max_length=100)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    day_start = models.TimeField(_("jam kerja mulai"), default=time(8, 0))
    day_end = models.TimeField(_("jam kerja selesai"), default=time(16, 0))
    head_name = models.CharField(_("nama Kepala Dinas"), max_length=200, blank=True)
    head_rank = models.CharField(_("pangkat/golongan Kepala Dinas"), max_length=100, blank=True)
    head_nip = models.CharField(_("NIP Kepala Dinas"), max_length=30, blank=True)
    letter_number_format = models.CharField(
        _("format nomor surat"),
        max_length=80,
        default="503/{seq:03d}/DPMPTSP/{year}",
        validators=[validate_number_format],
        help_text=_("Nomor surat pemberitahuan: {seq} (atau {seq:03d}) urut per tahun, {year}."),
    )
    # UU 27/2022: personal data is kept no longer than its purpose needs. The clock
    # starts when a file is closed and its permit no longer in force
    # (loket.accounts.retention); the intake forms quote this number.
    retention_years = models.PositiveSmallIntegerField(
        _("masa retensi data pribadi (tahun)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Berapa tahun data pribadi pemohon dan pengadu disimpan setelah berkas atau "
            "pengaduan selesai (dan izinnya tidak berlaku lagi)."
        ),
    )

    class Meta:
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self):
        return self.name

    def calendar(self):
        """The office's working calendar, with its closures and extra working days."""
        days = list(self.calendar_days.values_list("date", "kind"))
        return WorkCalendar(
            day_start=self.day_start,
            day_end=self.day_end,
            closures=frozenset(d for d, k in days if k == CalendarDay.CLOSURE),
            extra_days=frozenset(d for d, k in days if k == CalendarDay.EXTRA),
        )


class CalendarDay(models.Model):
    """An office's own exception to the national calendar (editable in the admin)."""

    CLOSURE = "closure"
    EXTRA = "extra"
    KINDS = [(CLOSURE, _("libur kantor")), (EXTRA, _("hari kerja tambahan"))]

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="calendar_days")
    date = models.DateField(_("tanggal"))
    kind = models.CharField(_("jenis"), max_length=10, choices=KINDS)
    reason = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        verbose_name = _("hari khusus kalender kantor")
        verbose_name_plural = _("kalender kantor")
        constraints = [models.UniqueConstraint(fields=["office", "date"], name="one_entry_per_day")]
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}: {self.reason}"


class Officer(models.Model):
    """An officer's profile: the office they act for. Roles are the user's groups."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="officers")
    nip = models.CharField(_("NIP"), max_length=30, blank=True)
    rank = models.CharField(_("pangkat/golongan"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("petugas")
        verbose_name_plural = _("petugas")

    def __str__(self):
        return self.user.get_full_name() or self.user.username


class ApplicantQuerySet(models.QuerySet):
    def with_nik(self, nik):
        """Applicants with this NIK: the NIK is stored encrypted, its keyed hash is not."""
        return self.filter(nik_hash=nik_hash(nik))


class Applicant(models.Model):
    """A citizen applying for a permit; registered online or by the Front Office.

    NIK and phone are encrypted at rest (loket.lib.crypto_fields); `nik_hash` finds a
    NIK again. When the retention period of all their files has passed, the identity is
    cleared (`anonymised_at`) and only the statistics of their files remain.
    """

    MALE, FEMALE = "L", "P"
    SEXES = [(MALE, _("Laki-laki")), (FEMALE, _("Perempuan"))]

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="applicants")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    nik = EncryptedCharField(_("NIK"), max_length=16, blank=True)
    # Null once anonymised: many cleared rows, one constraint.
    nik_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    birth_place = models.CharField(_("tempat lahir"), max_length=100, blank=True)
    birth_date = models.DateField(_("tanggal lahir"), null=True, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=SEXES)
    address = models.TextField(_("alamat"), blank=True)
    phone = EncryptedCharField(_("nomor HP"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    language = models.CharField(
        _("bahasa pesan"), max_length=5, choices=settings.LANGUAGES, default="id"
    )
    consented_at = models.DateTimeField(_("persetujuan pemrosesan data"))
    # The notice exactly as the applicant (or the counter, for them) acknowledged it.
    consent_notice = models.TextField(_("pemberitahuan yang disetujui"), blank=True)
    anonymised_at = models.DateTimeField(_("dianonimkan"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApplicantQuerySet.as_manager()

    class Meta:
        verbose_name = _("pemohon")
        verbose_name_plural = _("pemohon")
        constraints = [
            models.UniqueConstraint(fields=["office", "nik_hash"], name="one_nik_hash_per_office")
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # The hash follows the NIK wherever it is saved, so the two never disagree.
        self.nik_hash = nik_hash(self.nik) if self.nik else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "nik" in update_fields:
            kwargs["update_fields"] = {*update_fields, "nik_hash"}
        super().save(*args, **kwargs)


class UserSession(models.Model):
    """A session a user logged in with, so disabling the user can end every one of them.

    Written on login, removed on logout; sessions themselves stay in Django's store.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sesi masuk")
        verbose_name_plural = _("sesi masuk")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
