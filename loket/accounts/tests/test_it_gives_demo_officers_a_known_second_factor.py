"""Demo officers share a published TOTP key; `manage.py demo_otp` prints their code."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.models import Officer
from loket.demo import DEMO_OTP_KEY, ensure_demo_two_factor
from loket.testing import PASSWORD


@pytest.fixture
def demo_fo(office):
    user = User.objects.create_user("fo", password=PASSWORD)
    Officer.objects.create(user=user, office=office)
    return user


def test_it_logs_a_demo_officer_in_with_the_printed_code(demo_fo):
    """The code demo_otp prints completes the demo officer's login."""
    ensure_demo_two_factor()
    ensure_demo_two_factor()  # `make run` again: still one device
    device = TOTPDevice.objects.get(user=demo_fo)
    assert device.confirmed and device.key == DEMO_OTP_KEY
    out = io.StringIO()
    call_command("demo_otp", "fo", stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()

    client = Client()
    client.post("/masuk/", {"username": "fo", "password": PASSWORD})
    assert client.get("/kotak-masuk/").status_code == 302
    assert client.post("/akun/verifikasi/", {"otp_token": code}).status_code == 302
    assert client.get("/kotak-masuk/").status_code == 200


def test_it_never_prints_a_real_officers_code(officers):
    """demo_otp refuses users whose device is not a demo device."""
    with pytest.raises(CommandError):
        call_command("demo_otp", "front_office", stdout=io.StringIO(), stderr=io.StringIO())


def test_it_prints_the_demo_key_with_the_accounts():
    """`manage.py demo` tells a new user how to pass the second factor."""
    from loket.demo import print_accounts

    out = io.StringIO()
    print_accounts(out)
    text = out.getvalue()
    assert "otpauth://totp/" in text and "demo_otp fo" in text
