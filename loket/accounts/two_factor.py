"""Officers' second factor (TOTP, django-otp): who needs it, enrolment, verification.

A session is "verified" once a code from the user's confirmed device was accepted in
it (django-otp keeps the device id in the session under `otp_device_id`).
`OfficerTwoFactorMiddleware` refuses every other page and API operation to an
officer whose session is not verified.

Enrolment needs more than the password: an officer without a confirmed device (new,
or reset) first types a one-time enrolment code an administrator issued
(`issue_enrolment_code`); only then is the authenticator's secret shown. Confirming
the device also gives single-use recovery codes (django-otp's static device), shown
once, which stand in for the app's code if the phone is lost.
"""

import hashlib
import secrets
from base64 import b32encode
from datetime import timedelta

import django_otp
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket import audit
from loket.accounts.models import EnrolmentCode
from loket.core.errors import Invalid

DEVICE_NAME = "Loket"
RECOVERY_NAME = "Kode pemulihan"
# The session may see the secret once an enrolment code was redeemed in it.
ENROL_SESSION_KEY = "loket_otp_enrol_user"
# Enrolment codes: 20 characters of an alphabet without look-alikes, in groups of 4.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


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


def _code_hash(code):
    typed = "".join(str(code or "").upper().split()).replace("-", "")
    return hashlib.sha256(typed.encode()).hexdigest()


def issue_enrolment_code(user, issued_by=None, reset=False):
    """A new one-time enrolment code for `user` (returned once; only its hash is kept).

    `reset` also removes the user's authenticator and recovery codes (a lost phone):
    their next sign-in then needs this code to enrol again. Earlier unused codes stop
    working.
    """
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(20))
    now = timezone.now()
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user, used_at__isnull=True).update(used_at=now)
        if reset:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
        EnrolmentCode.objects.create(
            user=user,
            code_hash=_code_hash(code),
            issued_by=issued_by,
            issued_at=now,
            expires_at=now + timedelta(hours=settings.OTP_ENROLMENT_HOURS),
        )
        audit.record(
            "accounts.issue_enrolment_code",
            actor=issued_by,
            office=None,
            obj=user,
            data={"reset": bool(reset)},
        )
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def redeem_enrolment_code(request, code):
    """Accept an enrolment code for the signed-in user, once: the session may enrol."""
    user = request.user
    with transaction.atomic():
        found = (
            EnrolmentCode.objects.select_for_update()
            .filter(
                user=user,
                code_hash=_code_hash(code),
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if found is None:
            message = _("Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa.")
            raise Invalid(message, {"enrolment_code": message})
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
        audit.record("accounts.redeem_enrolment_code", actor=user, office=None, obj=user)
    request.session[ENROL_SESSION_KEY] = user.pk


def may_enrol(request):
    return request.session.get(ENROL_SESSION_KEY) == request.user.pk


def recovery_device(user):
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def new_recovery_codes(user):
    """Replace the user's recovery codes; returns the new ones (shown once)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(settings.OTP_RECOVERY_CODES)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def verify_recovery_code(request, code):
    """A recovery code instead of the app's: accepted once, then it is gone."""
    device = recovery_device(request.user)
    token = "".join(str(code or "").split()).lower()
    refusal = _("Kode salah atau sudah kedaluwarsa. Masukkan kode yang sedang tampil.")
    if device is None:
        raise Invalid(refusal, {"otp_token": refusal})
    with transaction.atomic():
        device = StaticDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _details = device.verify_is_allowed()
        ok = allowed and device.verify_token(token)
    if not ok:
        raise Invalid(refusal, {"otp_token": refusal})
    django_otp.login(request, device)
    audit.record("accounts.used_recovery_code", actor=request.user, office=None, obj=request.user)
    return device


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
