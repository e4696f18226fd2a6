"""API clients: other systems that call the API with their own credentials."""

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loket.accounts.models import Officer
from loket.core.models import Office


def hash_secret(secret):
    # Secrets are 256 random bits, not passwords: a plain SHA-256 cannot be brute-forced
    # and keeps every token request cheap.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiClient(models.Model):
    """A system acting for one office, with the scopes the administrator granted."""

    name = models.CharField(_("nama"), max_length=120)
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="api_clients")
    client_id = models.CharField(_("ID klien"), max_length=40, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(_("cakupan"), default=list)
    rate_limit = models.PositiveIntegerField(
        _("batas permintaan per jam"), default=600, help_text=_("Per jam, untuk klien ini.")
    )
    # The account the trail names when the client acts (never an officer, never signs in).
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_client"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)

    class Meta:
        verbose_name = _("klien API")
        verbose_name_plural = _("klien API")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_active(self):
        return self.revoked_at is None

    def check_secret(self, secret):
        return hmac.compare_digest(self.secret_hash, hash_secret(secret))

    def acting_user(self):
        """The client's account as an officer of its office, in memory only: the trail
        names it by name, and office checks see its office. Never saved as an officer."""
        user = self.user
        user.officer = Officer(user=user, office=self.office)
        return user
