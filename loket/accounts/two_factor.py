"""Officers' second factor (TOTP, django-otp): who needs it, enrolment, verification.

A session is "verified" once a code from the user's confirmed device was accepted in
it (django-otp keeps the device id in the session under `otp_device_id`).
`OfficerTwoFactorMiddleware` refuses every other page and API operation to an
officer whose session is not verified.
"""

from base64 import b32encode

import django_otp
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.core.errors import Invalid

DEVICE_NAME = "Loket"


def needs_two_factor(user):
    """Officers (users with an Officer profile) and admin staff log in with a code too.

    Applicants do not. Staff are included because the admin creates and disables
    officers.
    """
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    # The reverse one-to-one caches its answer (even "none"), so office_of() and the
    # views that follow ask the database no second time.
    return getattr(user, "officer", None) is not None


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_device(user):
    """The unconfirmed device being set up; kept across reloads so the QR code stays."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_of(device):
    """The key as authenticator apps take it when typed: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def current_code(device):
    """The code the device's app shows now (demo and tests only: it needs the key)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def verify(request, device, token):
    """Check `token` against `device`; on success the session is verified.

    The first accepted code confirms an enrolment. Wrong codes slow further attempts
    down (django-otp's throttling doubles the wait after each failure); a code is
    accepted once only.
    """
    token = "".join(str(token or "").split())
    # Refusals are raised after the transaction: the failure count django-otp
    # writes must survive them.
    refusal = None
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=request.user)
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            refusal = _("Terlalu banyak kode yang salah. Tunggu sebentar, lalu coba lagi.")
        elif not (token.isdigit() and len(token) == device.digits) or not device.verify_token(
            token
        ):
            refusal = _("Kode salah atau sudah kedaluwarsa. Masukkan kode yang sedang tampil.")
        elif not device.confirmed:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    if refusal:
        raise Invalid(refusal, {"otp_token": refusal})
    django_otp.login(request, device)
    return device
