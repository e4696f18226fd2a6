"""Every write about API clients: create (the secret shown once), revoke, grant a token."""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.apiclients.models import ApiClient, hash_secret
from loket.apiclients.scopes import SCOPES
from loket.core.errors import Conflict, Invalid

ROLE = "admin"


def _checked_scopes(scopes):
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise Invalid(
            _("Cakupan tidak dikenal."),
            {"scopes": _("Pilih dari: %(known)s.") % {"known": ", ".join(SCOPES)}},
        )
    return sorted(set(scopes))


def create_client(office, name, scopes, *, by, rate_limit=600):
    """A new client and its secret; the secret is returned here once and stored hashed."""
    name = (name or "").strip()
    if not name:
        raise Invalid(_("Isi nama klien."), {"name": _("Wajib diisi.")})
    scopes = _checked_scopes(scopes)
    client_id = "lk_" + secrets.token_urlsafe(18)
    secret = secrets.token_urlsafe(32)
    with transaction.atomic():
        user = get_user_model().objects.create(
            username=f"api:{client_id}"[:150], first_name=f"API {name}"[:150]
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        client = ApiClient.objects.create(
            name=name,
            office=office,
            client_id=client_id,
            secret_hash=hash_secret(secret),
            scopes=scopes,
            rate_limit=rate_limit,
            user=user,
        )
        audit.record(
            "apiclients.create",
            actor=by,
            office=office,
            obj=client,
            role=ROLE,
            data={"client_id": client_id, "scopes": scopes, "rate_limit": rate_limit},
        )
    return client, secret


def revoke_client(client, *, by):
    """The client's secret and tokens stop working at once (tokens are checked per call)."""
    with transaction.atomic():
        client = ApiClient.objects.select_for_update().get(pk=client.pk)
        if client.revoked_at is not None:
            raise Conflict(_("Klien ini sudah dicabut."))
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at"])
        audit.record(
            "apiclients.revoke",
            actor=by,
            office=client.office_id,
            obj=client,
            role=ROLE,
            data={"client_id": client.client_id},
        )
    return client


def record_token(client, scopes):
    """The trail notes each token granted, under the client's name."""
    with transaction.atomic():
        audit.record(
            "apiclients.token",
            actor=client.acting_user(),
            office=client.office_id,
            obj=client,
            role="api",
            data={"client_id": client.client_id, "scopes": sorted(scopes)},
        )
