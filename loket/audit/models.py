from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.core.models import AppendOnlyModel, Office
from loket.core.roles import role_label

# The hash the first event chains from.
GENESIS = "0" * 64


class AuditHead(models.Model):
    """The end of the chain: the last event's number and hash, in one row.

    Writers lock this row (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE
    transactions already let one writer in at a time), so concurrent actions append
    to one chain. It also lets `verify_audit` notice events cut off the end.
    """

    ONE = 1

    id = models.PositiveSmallIntegerField(primary_key=True, default=ONE)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS)

    class Meta:
        verbose_name = _("ujung jejak audit")

    def __str__(self):
        return f"#{self.seq} {self.hash[:12]}"


class AuditEvent(AppendOnlyModel):
    """One action on the record. Holds ids and codes only, never personal data."""

    seq = models.BigIntegerField(_("nomor"), unique=True)
    at = models.DateTimeField(_("waktu"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pelaku"),
    )
    actor_name = models.CharField(_("nama pelaku"), max_length=200)
    # The role acted as, or at a sign-in every role the officer holds, comma-separated:
    # room for all of them (one officer may hold every role of a small office).
    role = models.CharField(_("peran"), max_length=255, blank=True)
    office = models.ForeignKey(
        Office, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("tindakan"), max_length=80)
    object_type = models.CharField(_("jenis objek"), max_length=60, blank=True)
    object_id = models.CharField(_("id objek"), max_length=40, blank=True)
    summary = models.JSONField(_("ringkasan"), default=dict, blank=True)
    ip = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("peristiwa audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-seq"]
        indexes = [
            models.Index(fields=["office", "at"]),
            # The trail page: an office's events, newest first, a page at a time.
            models.Index(fields=["office", "seq"], name="audit_office_seq"),
            models.Index(fields=["office", "action"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self):
        return f"#{self.seq} {self.action}"

    @property
    def role_names(self):
        """The roles the actor acted in, as people name them (the column holds codes,
        comma-separated): "Pemohon" in Indonesian, "Applicant" in English."""
        return ", ".join(str(role_label(r)) for r in self.role.split(",") if r)
