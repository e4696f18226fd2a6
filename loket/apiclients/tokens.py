"""Short-lived bearer tokens: signed, stateless, and checked against the client per call.

A token names the client, the scopes granted and a fingerprint of the secret it was
obtained with; it expires after API_TOKEN_SECONDS. Every call loads the client, so a
revoked client (or one whose secret was replaced) is refused at once.
"""

from django.conf import settings
from django.core import signing

SALT = "loket.apiclients.token"


def lifetime():
    return int(getattr(settings, "API_TOKEN_SECONDS", 3600))


def issue(client, scopes):
    return signing.dumps(
        {"c": client.client_id, "s": sorted(scopes), "k": client.secret_hash[:16]}, salt=SALT
    )


def read(token):
    """(client_id, scopes, secret fingerprint), or None for a bad or expired token."""
    try:
        data = signing.loads(token, salt=SALT, max_age=lifetime())
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not {"c", "s", "k"} <= set(data):
        return None
    return str(data["c"]), list(data["s"]), str(data["k"])
