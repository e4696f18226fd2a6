"""API clients: a secret shown once and stored hashed, OAuth 2.0 client-credentials
tokens at /api/v1/token, scopes enforced per operation, revocation at once, a limit per
client, and the client's name in the audit trail."""

import base64

import pytest
from django.test import Client

from loket.apiclients.actions import create_client, revoke_client
from loket.apiclients.models import ApiClient
from loket.audit.models import AuditEvent

TOKEN = "/api/v1/token"


@pytest.fixture
def system(office):
    client, secret = create_client(
        office, "SIMPEL Provinsi", ["permits:read", "complaints:write"], by=None
    )
    return client, secret


def _token(client_id, secret, **extra):
    return Client().post(
        TOKEN,
        {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
        | extra,
    )


def _bearer(token):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_it_stores_only_a_hash_of_the_secret(system):
    """The secret is returned once; the database holds its SHA-256, not the secret."""
    client, secret = system
    stored = ApiClient.objects.get(pk=client.pk)
    assert secret not in stored.secret_hash and len(stored.secret_hash) == 64
    assert stored.check_secret(secret) and not stored.check_secret(secret + "x")


def test_it_grants_a_bearer_token_by_basic_auth_or_form(system):
    """client_id:client_secret by HTTP Basic or in the form: a Bearer token with the
    client's scopes, no-store, and the grant on the audit trail under the client's name."""
    client, secret = system
    basic = base64.b64encode(f"{client.client_id}:{secret}".encode()).decode()
    response = Client().post(
        TOKEN, {"grant_type": "client_credentials"}, HTTP_AUTHORIZATION=f"Basic {basic}"
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert body["scope"] == "complaints:write permits:read"
    narrowed = _token(client.client_id, secret, scope="permits:read").json()
    assert narrowed["scope"] == "permits:read"
    event = AuditEvent.objects.filter(action="apiclients.token").first()
    assert event.actor_name == "API SIMPEL Provinsi"


def test_it_refuses_bad_credentials_in_the_error_shape(system):
    """A wrong secret is 401 invalid_client; another grant type or a scope the client
    lacks is 400, each with RFC 6749's `error` beside `detail`."""
    client, secret = system
    wrong = _token(client.client_id, "salah")
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"
    assert wrong.json()["detail"] and wrong.json()["errors"] == {}
    grant = Client().post(TOKEN, {"grant_type": "password"})
    assert grant.status_code == 400 and grant.json()["error"] == "unsupported_grant_type"
    scope = _token(client.client_id, secret, scope="audit:read")
    assert scope.status_code == 400 and scope.json()["error"] == "invalid_scope"


def test_it_lets_a_token_do_what_its_scopes_allow_and_nothing_else(system, application):
    """permits:read lists the office's files; the audit trail (audit:read) is 403; no
    token or a forged one is 401; the session-only online filing refuses the token."""
    client, secret = system
    token = _token(client.client_id, secret).json()["access_token"]
    caller = _bearer(token)
    files = caller.get("/api/v1/permits/applications")
    assert files.status_code == 200
    assert [f["id"] for f in files.json()["items"]] == [application.pk]
    refused = caller.get("/api/v1/audit/events")
    assert refused.status_code == 403 and "audit:read" in refused.json()["detail"]
    assert Client().get("/api/v1/permits/applications").status_code == 401
    forged = _bearer(token[:-2] + "xx").get("/api/v1/permits/applications")
    assert forged.status_code == 401 and forged["WWW-Authenticate"].startswith("Bearer")
    assert caller.post("/api/v1/permits/applications", {}).status_code == 401


def test_it_records_a_clients_writes_under_its_name(system, office):
    """A complaint recorded by the client (a letter it received) is on the trail as the
    client, without any CSRF token."""
    client, secret = system
    token = _token(client.client_id, secret).json()["access_token"]
    response = _bearer(token).post(
        "/api/v1/complaints/",
        {"channel": "surat", "description": "Surat pengaduan warga.", "name": "Warga"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    event = AuditEvent.objects.filter(action="complaints.file_complaint").first()
    assert event.actor_name == "API SIMPEL Provinsi"


def test_it_records_every_call_of_a_client_reads_included(system, office):
    """Each call is on the trail under the client's name with its method and path (the
    query string, which may carry a searched NIK, is left out); a refused token writes
    nothing."""
    client, secret = system
    token = _token(client.client_id, secret).json()["access_token"]
    response = _bearer(token).get("/api/v1/permits/applications?q=3171012345678901")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="apiclients.call")
    assert event.actor_name == "API SIMPEL Provinsi" and event.office_id == office.pk
    assert event.summary == {
        "method": "GET",
        "path": "/api/v1/permits/applications",
        "scope": "permits:read",
    }
    assert "3171012345678901" not in str(event.summary)
    assert _bearer(token + "x").get("/api/v1/permits/applications").status_code == 401
    assert AuditEvent.objects.filter(action="apiclients.call").count() == 1


def test_it_stops_a_revoked_client_at_once(system):
    """Revoking refuses new tokens and the tokens already given."""
    client, secret = system
    token = _token(client.client_id, secret).json()["access_token"]
    revoke_client(client, by=None)
    assert _bearer(token).get("/api/v1/permits/applications").status_code == 401
    assert _token(client.client_id, secret).status_code == 401


def test_it_expires_tokens(system, settings):
    """A token older than API_TOKEN_SECONDS is refused."""
    client, secret = system
    token = _token(client.client_id, secret).json()["access_token"]
    settings.API_TOKEN_SECONDS = -1
    assert _bearer(token).get("/api/v1/permits/applications").status_code == 401


def test_it_limits_each_client_on_its_own(office):
    """Over its own hourly limit a client gets 429 with Retry-After; another client
    calling from the same address is not affected."""
    busy, secret = create_client(office, "Sibuk", ["permits:read"], by=None, rate_limit=2)
    calm, calm_secret = create_client(office, "Tenang", ["permits:read"], by=None)
    caller = _bearer(_token(busy.client_id, secret).json()["access_token"])
    other = _bearer(_token(calm.client_id, calm_secret).json()["access_token"])
    assert [caller.get("/api/v1/permits/applications").status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    over = caller.get("/api/v1/permits/applications")
    assert over.json()["detail"] and over["Retry-After"] == "3600"
    assert other.get("/api/v1/permits/applications").status_code == 200


def test_it_documents_both_schemes_in_openapi(db):
    """The OpenAPI document names the session and OAuth 2.0 client credentials, with the
    token URL, the scopes, and the scope of each secured operation."""
    schema = Client().get("/api/v1/openapi.json").json()
    schemes = schema["components"]["securitySchemes"]
    flow = schemes["ClientCredentials"]["flows"]["clientCredentials"]
    assert schemes["ClientCredentials"]["type"] == "oauth2"
    assert flow["tokenUrl"] == TOKEN and "audit:read" in flow["scopes"]
    assert "X-CSRFToken" in schemes["SessionAuth"]["description"]
    events = schema["paths"]["/api/v1/audit/events"]["get"]
    assert {"ClientCredentials": ["audit:read"]} in events["security"]


def test_it_needs_no_csrf_token_from_a_client_but_keeps_it_for_sessions(system, officers):
    """CSRF belongs to the session: a client's POST with its token passes without one,
    while an officer's session without the CSRF token is refused (403, in the shape)."""
    client, secret = system
    token = _token(client.client_id, secret).json()["access_token"]
    body = {"channel": "surat", "description": "Surat pengaduan warga."}
    with_token = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")
    filed = with_token.post("/api/v1/complaints/", body, content_type="application/json")
    assert filed.status_code == 201
    weighed = with_token.post(
        f"/api/v1/complaints/{filed.json()['id']}/weigh",
        {"weight": "ringan", "reason": "uji"},
        content_type="application/json",
    )
    assert weighed.status_code == 200 and weighed.json()["weight"] == "ringan"
    session = Client(enforce_csrf_checks=True)
    session.force_login(officers["pengelola_pengaduan"])
    refused = session.post(
        f"/api/v1/complaints/{filed.json()['id']}/weigh",
        {"weight": "sedang", "reason": "uji"},
        content_type="application/json",
    )
    assert refused.status_code == 403 and refused.json()["detail"] == "Token CSRF tidak valid."
