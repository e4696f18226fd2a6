from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import Office
from loket.lib.crypto_fields import EncryptedCharField, nik_hash


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


class EnrolmentCode(models.Model):
    """A one-time code an administrator issues so an officer may set up (or set up
    again) their second factor: a password alone never reaches the authenticator's
    secret. Stored as its SHA-256; valid until `expires_at`, once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("kode pendaftaran verifikasi dua langkah")
        verbose_name_plural = _("kode pendaftaran verifikasi dua langkah")

    def __str__(self):
        return f"{self.user} {self.issued_at:%Y-%m-%d %H:%M}"
