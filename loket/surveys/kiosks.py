"""Registered counter kiosks: the cookie a kiosk's browser holds, and finding its
device again. The token is 256 random bits; only its SHA-256 is stored, so a copy of
the database does not let anyone act as a kiosk."""

import hashlib
import secrets

from django.conf import settings

COOKIE = "loket_kiosk"
# A kiosk stays registered until revoked; the cookie outlives any session.
COOKIE_MAX_AGE = 5 * 365 * 24 * 3600


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    return hashlib.sha256(str(token).encode()).hexdigest()


def device_of(request, office_id):
    """The active kiosk device of this office whose token the request carries, or None."""
    from loket.surveys.models import KioskDevice

    token = request.COOKIES.get(COOKIE, "")
    if not token or len(token) > 100:
        return None
    return KioskDevice.objects.filter(
        token_hash=token_hash(token), office_id=office_id, revoked_at__isnull=True
    ).first()


def set_cookie(response, token):
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response
