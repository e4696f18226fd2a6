"""The kernel's models: offices with their calendars, numbering sequences, and the
base class of every record the law expects to keep unchanged."""

from datetime import time
from pathlib import Path

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from loket.lib.phones import PhoneError, normalize_phone
from loket.lib.workdays import WorkCalendar

CREST_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


def validate_number_format(value):
    """A number pattern must carry the sequence and format with seq, year and month only."""
    try:
        value.format(seq=1, year=2026, month=1)
    except (KeyError, IndexError, ValueError) as exc:
        raise ValidationError(_("Format nomor tidak valid: %(e)s") % {"e": exc}) from exc
    if "{seq" not in value:
        raise ValidationError(_("Format nomor harus memuat {seq}."))


def validate_office_phone(value):
    """A phone, WhatsApp or fax number of the office: a valid Indonesian number (it is
    kept as the office typed it, e.g. "(0761) 45505", because that is how it is printed)."""
    try:
        normalize_phone(value)
    except PhoneError as exc:
        raise ValidationError(str(exc.args[0])) from exc


def crest_file(path):
    """The file on disk of a crest named by its static path, or None."""
    if not path or ".." in Path(path).parts or Path(path).is_absolute():
        return None
    found = finders.find(path)
    return Path(found) if found else None


def validate_crest(value):
    """A crest is an image among the static files (so pages and PDFs find it offline)."""
    if not value.lower().endswith(CREST_SUFFIXES):
        raise ValidationError(_("Lambang harus berkas SVG, PNG atau JPG."))
    if crest_file(value) is None:
        raise ValidationError(_("Berkas %(path)s tidak ada di static files.") % {"path": value})


class Office(models.Model):
    """An office (instansi). Every record in Loket belongs to one.

    Its identity (kop surat, address, opening hours, contacts) is data: the page header
    and footer (core/identity_*.html), the letterhead of every PDF
    (core/pdf/letterhead.html) and the footer of every email read it from here.
    """

    code = models.SlugField(_("kode"), unique=True)
    government = models.CharField(
        _("pemerintah daerah"),
        db_default="",
        max_length=200,
        blank=True,
        help_text=_(
            "Baris pertama kop surat, mis. PEMERINTAH KOTA PEKANBARU. Kosong: "
            "PEMERINTAH dan nama kota/kabupaten."
        ),
    )
    name = models.CharField(
        _("nama"),
        max_length=200,
        help_text=_(
            "Nama lengkap instansi, seperti di kop surat, mis. Dinas Penanaman Modal dan "
            "Pelayanan Terpadu Satu Pintu Kota Pekanbaru."
        ),
    )
    short_name = models.CharField(
        _("nama singkat"),
        db_default="",
        max_length=60,
        blank=True,
        help_text=_("Untuk layar kecil, mis. DPMPTSP Kota Pekanbaru. Kosong: nama lengkap."),
    )
    crest = models.CharField(
        _("lambang"),
        db_default="",
        max_length=200,
        blank=True,
        validators=[validate_crest],
        help_text=_(
            "Jalur berkas lambang daerah di static files (SVG, PNG atau JPG), mis. "
            "core/crest/contoh.svg. Kosong: kop dan halaman tanpa lambang."
        ),
    )
    city = models.CharField(
        _("kota/kabupaten"), max_length=100, help_text=_("Mis. Kota Pekanbaru.")
    )
    address = models.CharField(
        _("alamat"),
        max_length=300,
        blank=True,
        help_text=_("Jalan, nomor dan gedung, mis. Jl. Jend. Sudirman No. 464."),
    )
    postal_code = models.CharField(
        _("kode pos"),
        db_default="",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Kode pos terdiri dari 5 angka."))],
    )
    opening_hours = models.TextField(
        _("jam layanan"),
        db_default="",
        blank=True,
        help_text=_(
            "Satu baris per hari atau kelompok hari, mis. Senin-Kamis 08.00-16.00 WIB. "
            "Kosong: hari kerja dengan jam kerja di bawah."
        ),
    )
    opening_hours_en = models.TextField(
        _("jam layanan (bahasa Inggris)"),
        db_default="",
        blank=True,
        help_text=_("Jam layanan yang sama dalam bahasa Inggris, mis. Mon-Thu 8:00-16:00 WIB."),
    )
    phone = models.CharField(
        _("telepon"),
        max_length=40,
        blank=True,
        validators=[validate_office_phone],
        help_text=_("Nomor Indonesia, ditulis seperti dicetak, mis. (0761) 45505."),
    )
    whatsapp = models.CharField(
        _("WhatsApp"),
        db_default="",
        max_length=40,
        blank=True,
        validators=[validate_office_phone],
        help_text=_("Nomor WhatsApp layanan, mis. 0811-7500-464."),
    )
    fax = models.CharField(
        _("faks"), db_default="", max_length=40, blank=True, validators=[validate_office_phone]
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(
        _("situs web"),
        db_default="",
        blank=True,
        help_text=_("Mis. https://dpmptsp.pekanbaru.go.id"),
    )
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

    @property
    def government_line(self):
        """The first line of the kop surat."""
        return self.government or f"PEMERINTAH {self.city}".upper()

    @property
    def display_name(self):
        return self.short_name or self.name

    @property
    def place(self):
        """The place a letter is dated at: "Kota Pekanbaru" is signed "Pekanbaru"."""
        for prefix in ("Kota ", "Kabupaten ", "Kab. "):
            if self.city.startswith(prefix):
                return self.city[len(prefix) :]
        return self.city

    @property
    def full_address(self):
        """Street, city and postal code on one line."""
        place = " ".join(p for p in (self.city, self.postal_code) if p)
        return ", ".join(p for p in (self.address, place) if p)

    @property
    def hours(self):
        """The opening hours, one line each, in the active language (Indonesian when
        there is no English text); the working hours when none is written."""
        text = self.opening_hours
        if (get_language() or "id").startswith("en") and self.opening_hours_en:
            text = self.opening_hours_en
        if not text:
            text = _("Senin-Jumat %(start)s-%(end)s WIB") % {
                "start": self.day_start.strftime("%H.%M"),
                "end": self.day_end.strftime("%H.%M"),
            }
        return [line.strip() for line in str(text).splitlines() if line.strip()]

    @property
    def phone_link(self):
        """tel: link of the phone number (E.164)."""
        try:
            return "tel:" + normalize_phone(self.phone)
        except PhoneError:
            return ""

    @property
    def whatsapp_link(self):
        """wa.me link of the WhatsApp number (digits of its E.164 form)."""
        try:
            return "https://wa.me/" + normalize_phone(self.whatsapp).lstrip("+")
        except PhoneError:
            return ""

    @property
    def crest_uri(self):
        """file: URI of the crest, for PDFs (rendered offline); "" when there is none."""
        found = crest_file(self.crest)
        return found.resolve().as_uri() if found else ""

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
