"""The API: django-ninja under /api/v1/, one router per app (each app's api.py).

Two kinds of caller (loket.apiclients.auth): the Django session of the login page (with
the CSRF token on unsafe methods, and the second factor for officers), and API clients
with an OAuth 2.0 client-credentials bearer token (POST /api/v1/token) holding the
scope each operation names. Routers mark public operations with `auth=None`.

Every refusal has one shape, `{"detail": message, "errors": {field: message}}`
(loket.core.schemas.ErrorOut): an action refused (`ActionError`, with its status), the
input did not parse (422), no or a bad credential (401), a missing object (404); and,
through loket.lib.api_errors, a path or method the API does not have.
"""

import json

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from loket.accounts.api import router as accounts
from loket.apiclients.api import router as token
from loket.apiclients.auth import TOKEN_URL, ClientCredentials, callers
from loket.apiclients.scopes import AUDIT_READ
from loket.audit.api import router as audit
from loket.complaints.api import router as complaints
from loket.core.errors import ActionError
from loket.lib.api_errors import open311_errors
from loket.notify.api import router as notify
from loket.permits.api import router as permits
from loket.permits.issuance_api import router as issuance
from loket.reports.api import router as reports
from loket.standards.api import router as standards
from loket.surveys.api import router as surveys

DESCRIPTION = """Loket's API: service standards, permit files, issuance and verification,
complaints (with Open311 GeoReport v2), the satisfaction survey, reports and the audit
trail of one-stop licensing offices (DPMPTSP).

**Callers.** A browser uses its session (cookie `sessionid`; unsafe methods need the
CSRF token in `X-CSRFToken`; officers need the second factor). Another system uses an
API client: POST /api/v1/token with `grant_type=client_credentials` gives a bearer
token; each operation lists the scope it needs.

**Errors.** Every error answers `{"detail": "...", "errors": {"field": "..."}}`
(Open311 paths: GeoReport's list of `{code, description}`).

**Times** are ISO 8601 in Asia/Jakarta with their offset (+07:00). **Lists** answer a
page: `{"items": [...], "page": n, "has_next": bool}` (`?page=n`).

Full walk-through with curl: docs/api.md.
"""


class ScopedSchema(OpenAPISchema):
    """Ninja's document, with the OAuth 2.0 scope each operation needs in its security."""

    def operation_security(self, operation):
        result = super().operation_security(operation)
        if result is None:
            return None
        for requirement, auth in zip(
            result,
            [a for a in operation.auth_callbacks if hasattr(a, "openapi_security_schema")],
            strict=True,
        ):
            name = next(iter(requirement))
            requirement[name] = list(getattr(auth, "scopes", []))
        return result

    def operation_details(self, operation):
        details = super().operation_details(operation)
        # Whoever may call with a token may meet these, whatever the operation: no or a
        # bad token (401), a token without the scope (403), the client's limit (429).
        error = {"description": "", "content": {"application/json": {"schema": ERROR_REF}}}
        if any(isinstance(a, ClientCredentials) for a in operation.auth_callbacks):
            for status, text in CLIENT_ERRORS.items():
                details["responses"].setdefault(status, {**error, "description": text})
        # Any parameter or body can fail to parse: the one handler answers 422 (Open311
        # has its own 400, documented by its operations).
        takes_input = details.get("parameters") or details.get("requestBody")
        if takes_input and not operation.view_func.__module__.endswith(".open311"):
            details["responses"].setdefault(422, {**error, "description": INVALID})
        return details


ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
INVALID = "The input did not parse or break a rule; `errors` names the fields."
CLIENT_ERRORS = {
    401: "No valid session or token.",
    403: "Not allowed (for a token: it lacks the operation's scope).",
    429: "Too many requests from this client.",
}


class LoketAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ScopedSchema(self, path_prefix)


api = LoketAPI(title="Loket API", version="1", description=DESCRIPTION, urls_namespace="api")
api.add_router("/token", token)
api.add_router("/standards", standards)
api.add_router("/permits", permits)
api.add_router("/issuance", issuance)
api.add_router("/complaints", complaints)
api.add_router("/surveys", surveys)
api.add_router("/notify", notify)
api.add_router("/reports", reports)
api.add_router("/accounts", accounts)
# The audit trail sits below the API clients' layer: its router gets its callers here.
api.add_router("/audit", audit, auth=callers(AUDIT_READ))


def _error(request, message, status, errors=None, **headers):
    if "/open311/" in request.path:
        # GeoReport v2 has its own error list, and says 400 for any bad request.
        detail = "; ".join(f"{k}: {v}" for k, v in (errors or {}).items()) or str(message)
        response = open311_errors(
            400 if status == 422 else status, detail, request.path.endswith(".xml")
        )
    else:
        response = api.create_response(
            request, {"detail": str(message), "errors": errors or {}}, status=status
        )
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(ActionError)
def action_refused(request, exc):
    headers = {}
    if getattr(exc, "retry_after", None):
        headers["Retry-After"] = str(exc.retry_after)
    if exc.status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="loket"'
    return _error(request, exc.message, exc.status, exc.errors, **headers)


@api.exception_handler(AuthenticationError)
def not_signed_in(request, exc):
    return _error(
        request,
        _("Masuk terlebih dahulu, atau kirim token akses yang berlaku."),
        401,
        **{"WWW-Authenticate": 'Bearer realm="loket"'},
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, _("Tidak ditemukan."), 404)


@api.exception_handler(HttpError)
def http_error(request, exc):
    if exc.status_code == 400:
        # Ninja's only 400: a body that is not the JSON or form it says it takes. That
        # is input that did not parse, like any other: 422.
        message = _("Badan permintaan tidak dapat dibaca: kirim JSON atau formulir yang sah.")
        return _error(request, message, 422, {"__all__": message})
    return _error(request, exc.message, exc.status_code)


def _field(loc):
    # ("body", "payload", "checked", 0) -> "checked.0"; ("query", "limit") -> "limit"
    parts = (
        [str(p) for p in loc[2:]]
        if loc[:1] in (("body",), ("form",))
        else [str(p) for p in loc[1:]]
    )
    return ".".join(parts) or "__all__"


@api.exception_handler(ValidationError)
def input_invalid(request, exc):
    errors = {}
    for error in exc.errors:
        key = _field(tuple(error.get("loc", ())))
        errors[key] = f"{errors[key]} {error['msg']}" if key in errors else error["msg"]
    message = _("Periksa kembali isian yang ditandai.")
    if request.path == TOKEN_URL:
        # RFC 6749 §5.2: a malformed token request is a 400 invalid_request.
        response = _error(request, message, 400, errors)
        response.content = json.dumps(
            {"detail": message, "errors": errors, "error": "invalid_request"}
        ).encode()
        return response
    return _error(request, message, 422, errors)
