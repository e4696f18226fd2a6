"""Test-only: the test client's login() and force_login() also pass an officer's second
factor, so tests of other behaviour log officers in exactly as before 2FA existed.

Installed for every test by an autouse fixture in conftest.py; never imported by the
application. Tests of the second factor itself log in through the login page, or
with `plain_force_login`, which leaves the session unverified.
"""

from django.contrib.auth import SESSION_KEY, get_user_model
from django.http import HttpRequest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.two_factor import needs_two_factor

_original_force_login = Client.force_login
_original_login = Client.login


def officer_device(user):
    """The user's confirmed TOTP device, made on the spot if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name="uji", confirmed=True)


def mark_verified(client, user):
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = officer_device(user).persistent_id
    session.save()


def plain_force_login(client, user):
    """force_login without the second factor: the session is password-only."""
    _original_force_login(client, user)


def fresh_code(user):
    """The current code of the user's device, usable again even if already used in this
    30-second window (a test may log the same officer in twice within it)."""
    from loket.accounts.two_factor import current_code

    device = officer_device(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    return current_code(device)


def _force_login(self, user, backend=None):
    _original_force_login(self, user, backend)
    if needs_two_factor(user):
        mark_verified(self, user)


def _login(self, **credentials):
    # django-axes needs the request to judge a login; Client.login passes none.
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = "127.0.0.1"
    credentials.setdefault("request", request)
    if not _original_login(self, **credentials):
        return False
    user = get_user_model().objects.get(pk=self.session[SESSION_KEY])
    if needs_two_factor(user):
        mark_verified(self, user)
    return True


def install(monkeypatch):
    monkeypatch.setattr(Client, "force_login", _force_login)
    monkeypatch.setattr(Client, "login", _login)
