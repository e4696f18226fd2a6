"""The kernel's models: offices with their calendars, numbering sequences, and the
base class of every record the law expects to keep unchanged."""

from datetime import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

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
        db_table = "accounts_office"  # moved from accounts; the table kept its name
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
        db_table = "accounts_calendarday"  # moved from accounts; the table kept its name
        verbose_name = _("hari khusus kalender kantor")
        verbose_name_plural = _("kalender kantor")
        constraints = [models.UniqueConstraint(fields=["office", "date"], name="one_entry_per_day")]
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}: {self.reason}"


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied("append-only records cannot be updated")

    def delete(self):
        raise PermissionDenied("append-only records cannot be deleted")


class AppendOnlyModel(models.Model):
    """A record the law expects to keep: written once, corrected by a new entry."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("append-only records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("append-only records cannot be deleted")


class Sequence(models.Model):
    """A counter per office, name and year (registration and permit numbers).

    It is advanced inside the caller's transaction, so a rollback gives the number
    back: numbers are gap-free.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT)
    name = models.CharField(max_length=60)
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "permits_sequence"  # moved from permits; the table kept its name
        constraints = [
            models.UniqueConstraint(fields=["office", "name", "year"], name="one_sequence")
        ]

    def __str__(self):
        return f"{self.name} {self.year}: {self.last}"


class JobRecord(models.Model):
    """The last success and the last failure of one periodic job (loket.core.jobs).

    One row per job, written by the job's own run, so the office sees a job that keeps
    failing (or has stopped running) without reading the worker's log.
    """

    name = models.CharField(_("tugas"), max_length=200, unique=True)
    last_started_at = models.DateTimeField(_("terakhir dimulai"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("terakhir berhasil"), null=True, blank=True)
    last_failure_at = models.DateTimeField(_("terakhir gagal"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    successes = models.PositiveIntegerField(default=0)
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("catatan tugas berkala")
        verbose_name_plural = _("catatan tugas berkala")

    def __str__(self):
        return self.name
