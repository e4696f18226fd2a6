"""Who is calling the API: a browser session, or an API client with a bearer token.

Secured operations take `auth=callers(scope)`: the session of the login page (with its
CSRF token and, for officers, the second factor), or an OAuth 2.0 client-credentials
token (POST /api/v1/token) that carries `scope`. Both appear in the OpenAPI document's
security schemes; each operation lists the scope it needs.

A client acts as its own account, as an officer of its office holding the roles that
the operation's scope lends (loket.apiclients.scopes), set on this request only: a
client with `audit:read` and `complaints:write` is never the Sekretaris when it writes
a complaint.
"""

from django.utils.translation import gettext as _
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from loket import audit
from loket.apiclients import tokens
from loket.apiclients.models import ApiClient
from loket.apiclients.scopes import SCOPES, roles_for
from loket.core.errors import ActionError, NotAllowed
from loket.lib import ratelimit

TOKEN_URL = "/api/v1/token"


class SessionAuth(NinjaSessionAuth):
    """The browser's session (ninja's django_auth, described for the contract).

    The CSRF check belongs to the session: a request without one (an API client with
    its token) goes on to the next scheme instead of failing the session's check.
    """

    openapi_description = (
        "The session cookie of the login page (/masuk/). Unsafe methods also need the "
        "CSRF token: cookie `csrftoken`, header `X-CSRFToken`. Officers must have passed "
        "the second factor (TOTP) in that session."
    )

    def _get_key(self, request):
        if not request.user.is_authenticated:
            return None
        if check_csrf(request) is not None:
            raise NotAllowed(_("Token CSRF tidak valid."))
        return request.COOKIES.get(self.param_name)


session = SessionAuth()


class TooMany(ActionError):
    status = 429

    def __init__(self, scope):
        super().__init__(_("Terlalu banyak permintaan dari klien ini. Silakan coba lagi nanti."))
        self.retry_after = ratelimit.window_of(scope)


def bearer_token(request):
    value = request.headers.get("Authorization", "")
    kind, _sep, token = value.partition(" ")
    return token.strip() if kind.lower() == "bearer" and token.strip() else None


def attach(request, client, scopes, acting):
    """Let the rest of the request see the client as its account, with the roles of the
    scope it acts under (`acting`)."""
    if acting not in scopes:
        raise NotAllowed(
            _("Token ini tidak memuat cakupan %(scope)s.") % {"scope": acting}, {"scope": acting}
        )
    user = client.acting_user()
    user._loket_roles = roles_for([acting])
    request.user = user
    request.api_client = client
    request.api_scopes = frozenset(scopes)
    request.rate_key = f"client:{client.pk}"
    request.rate_limit = client.rate_limit
    if not ratelimit.allow(request, "api_client"):
        raise TooMany("api_client")
    record_call(request, client, acting)
    return user


def record_call(request, client, acting):
    """Put the call on the audit trail under the client's name, reads included.

    Integrators read personal data in bulk, so who read what, and when, belongs on the
    record (like an applicant's download of their own data); it is the one write a GET
    by a client makes, and it changes nothing a page or report shows. The path names the
    object; the query string is left out, as it may carry a searched NIK or name. A
    write is recorded again, with its details, by the action it calls.
    """
    audit.record(
        "apiclients.call",
        actor=request.user,
        office=client.office_id,
        obj=client,
        data={"method": request.method, "path": request.path, "scope": acting},
    )


def client_from_token(request, token, acting):
    """The active client a valid token names, attached to the request; else None."""
    read = tokens.read(token)
    if read is None:
        return None
    client_id, scopes, fingerprint = read
    client = (
        ApiClient.objects.select_related("user", "office")
        .filter(client_id=client_id, revoked_at__isnull=True)
        .first()
    )
    if client is None or client.secret_hash[:16] != fingerprint:
        return None
    # Scopes withdrawn since the token was granted are gone now, not at its expiry.
    scopes = set(scopes) & set(client.scopes)
    attach(request, client, scopes, acting)
    return client


class ClientCredentials(AuthBase):
    """An OAuth 2.0 client-credentials bearer token holding the operation's scope."""

    openapi_type = "oauth2"
    openapi_description = (
        "For other systems. An office administrator creates an API client (its secret is "
        "shown once); the client gets a token at POST /api/v1/token with "
        "grant_type=client_credentials and sends it as `Authorization: Bearer <token>`. "
        "Tokens are short-lived; each client has its own rate limit."
    )
    openapi_flows = {"clientCredentials": {"tokenUrl": TOKEN_URL, "scopes": {}}}

    def __init__(self, scope):
        self.scopes = [scope]
        super().__init__()
        self.openapi_security_schema["flows"] = {
            "clientCredentials": {
                "tokenUrl": TOKEN_URL,
                "scopes": {name: str(text) for name, text in SCOPES.items()},
            }
        }

    def __call__(self, request):
        token = bearer_token(request)
        if token is None:
            return None
        client = client_from_token(request, token, self.scopes[0])
        return client.user if client is not None else None


def callers(scope):
    """The browser session or an API client holding `scope`."""
    return [session, ClientCredentials(scope)]


def optional_client(request, acting):
    """For public operations a client may also call (under scope `acting`): the client,
    or None when no token is given.

    A token that is given but invalid is refused (401), one without the scope (403),
    never silently ignored.
    """
    token = bearer_token(request)
    if token is None:
        return None
    client = client_from_token(request, token, acting)
    if client is None:
        raise Unauthorized()
    return client


class Unauthorized(ActionError):
    status = 401

    def __init__(self):
        super().__init__(_("Token tidak valid atau kedaluwarsa."))
