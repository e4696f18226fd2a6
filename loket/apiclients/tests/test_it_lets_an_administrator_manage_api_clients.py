"""An administrator creates an API client in the admin (the secret shown once, then
never again) and revokes it; both are on the audit trail."""

from django.contrib.auth import get_user_model
from django.test import Client

from loket.apiclients.models import ApiClient
from loket.audit.models import AuditEvent


def _admin(office):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_secret_once_and_revokes(office):
    """Adding a client shows its client_id and secret once; the change page does not;
    the revoke action stops it and the trail records both."""
    admin = _admin(office)
    response = admin.post(
        "/admin/apiclients/apiclient/add/",
        {
            "name": "Agregator Kota",
            "office": office.pk,
            "scopes": ["open311:write", "complaints:read"],
            "rate_limit": 100,
        },
        follow=True,
    )
    assert response.status_code == 200
    created = ApiClient.objects.get()
    shown = response.content.decode()
    assert "ia tidak akan ditampilkan lagi" in shown and created.client_id in shown
    secret = shown.split("client_secret: ")[1].split("<")[0].strip()
    assert created.check_secret(secret) and created.scopes == ["complaints:read", "open311:write"]
    again = admin.get(f"/admin/apiclients/apiclient/{created.pk}/change/").content.decode()
    assert secret not in again and created.secret_hash not in again
    admin.post(
        "/admin/apiclients/apiclient/",
        {"action": "revoke", "_selected_action": [created.pk]},
    )
    assert ApiClient.objects.get().revoked_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"apiclients.create", "apiclients.revoke"} <= actions
