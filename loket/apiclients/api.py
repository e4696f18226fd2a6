"""POST /api/v1/token: OAuth 2.0 client credentials (RFC 6749 §4.4) for API clients.

The client authenticates with HTTP Basic (client_id:client_secret) or with both in the
form body; the answer is a short-lived bearer token. Errors carry RFC 6749's `error`
code beside the API's usual `detail` and `errors`.
"""

import base64
import binascii

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Form, Router, Schema
from pydantic import ConfigDict, Field

from loket.apiclients import actions, tokens
from loket.apiclients.models import ApiClient
from loket.core.schemas import ErrorOut
from loket.lib import ratelimit

router = Router(tags=["token"])


class TokenIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"grant_type": "client_credentials", "scope": "permits:read"}]
        }
    )

    grant_type: str = Field(max_length=40, pattern=r"^[^\x00]*$", examples=["client_credentials"])
    scope: str = Field(
        default="",
        max_length=400,
        pattern=r"^[^\x00]*$",
        description="Space-separated scopes to ask for; empty: all the client holds.",
        examples=["permits:read complaints:write"],
    )
    client_id: str = Field(default="", max_length=200, pattern=r"^[^\x00]*$")
    client_secret: str = Field(default="", max_length=200, pattern=r"^[^\x00]*$")


class TokenOut(Schema):
    access_token: str
    token_type: str = Field(examples=["Bearer"])
    expires_in: int = Field(description="Seconds the token stays valid.", examples=[3600])
    scope: str = Field(examples=["permits:read complaints:write"])


class TokenErrorOut(ErrorOut):
    error: str = Field(
        description="RFC 6749 §5.2: invalid_request, invalid_client, "
        "unsupported_grant_type or invalid_scope."
    )


def _refuse(status, error, message, **headers):
    response = JsonResponse({"detail": message, "errors": {}, "error": error}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _basic(request):
    kind, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if kind.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return ("", "")
    client_id, _sep, secret = decoded.partition(":")
    return client_id, secret


@router.post(
    "",
    auth=None,
    response={200: TokenOut, 400: TokenErrorOut, 401: TokenErrorOut, 429: ErrorOut},
    summary="Get an access token (OAuth 2.0 client credentials)",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "example": {"grant_type": "client_credentials", "scope": "permits:read"}
                }
            }
        }
    },
    description=(
        "An API client trades its client_id and client_secret (HTTP Basic, or both in "
        "the form body) for a bearer token valid for `expires_in` seconds. Send it as "
        "`Authorization: Bearer <access_token>`. `scope` may narrow the token to some "
        "of the client's scopes. Requests are limited per address."
    ),
)
def token(request, payload: Form[TokenIn]):
    if not ratelimit.allow(request, "api_token"):
        return ratelimit.too_many(request, "api_token")
    if payload.grant_type != "client_credentials":
        return _refuse(
            400, "unsupported_grant_type", _("Hanya grant_type=client_credentials yang didukung.")
        )
    client_id, secret = _basic(request) or (payload.client_id, payload.client_secret)
    client = (
        ApiClient.objects.select_related("user", "office")
        .filter(client_id=client_id, revoked_at__isnull=True)
        .first()
        if client_id
        else None
    )
    if client is None or not client.check_secret(secret):
        return _refuse(
            401,
            "invalid_client",
            _("ID klien atau rahasia klien salah, atau klien sudah dicabut."),
            **{"WWW-Authenticate": 'Basic realm="loket"'},
        )
    asked = set(payload.scope.split()) if payload.scope.strip() else set(client.scopes)
    if not asked <= set(client.scopes):
        return _refuse(400, "invalid_scope", _("Klien ini tidak memiliki cakupan yang diminta."))
    actions.record_token(client, asked)
    response = JsonResponse(
        {
            "access_token": tokens.issue(client, asked),
            "token_type": "Bearer",
            "expires_in": tokens.lifetime(),
            "scope": " ".join(sorted(asked)),
        }
    )
    response["Cache-Control"] = "no-store"
    return response
