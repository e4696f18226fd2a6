"""A password alone never enrols a second factor: an officer without an authenticator
(new, or reset) needs a one-time, time-limited enrolment code an administrator issued
(stored hashed) before the secret is shown; enrolment ends with recovery codes."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.models import EnrolmentCode
from loket.accounts.two_factor import current_code, issue_enrolment_code
from loket.core.roles import FRONT_OFFICE, SEKRETARIS
from loket.testing import PASSWORD


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _password_login(client, username):
    page = client.post("/masuk/", {"username": username, "password": PASSWORD}, follow=True)
    assert page.redirect_chain[-1][0].startswith("/akun/verifikasi/")
    return page


def test_a_password_alone_never_shows_the_secret(officers):
    """An officer whose device was reset signs in with the password: the page asks for
    the enrolment code, shows no secret and makes no device."""
    officer = officers[FRONT_OFFICE]
    TOTPDevice.objects.filter(user=officer).delete()
    client = Client()
    html = _password_login(client, officer.username).content.decode()
    assert 'id="otp-secret"' not in html and "data:image/svg+xml" not in html
    assert "Kata sandi saja tidak cukup" in html
    assert not TOTPDevice.objects.filter(user=officer).exists()
    wrong = client.post("/akun/verifikasi/", {"enrolment_code": "AAAA-BBBB-CCCC-DDDD-EEEE"})
    assert "Kode pendaftaran salah" in wrong.content.decode()
    assert 'id="otp-secret"' not in wrong.content.decode()
    # A TOTP code typed where none is enrolled does not help either.
    assert (
        'id="otp-secret"'
        not in client.post("/akun/verifikasi/", {"otp_token": "123456"}).content.decode()
    )


def test_it_says_so_in_english(officers):
    """The request for the enrolment code is translated."""
    officer = officers[FRONT_OFFICE]
    TOTPDevice.objects.filter(user=officer).delete()
    client = Client()
    client.cookies["django_language"] = "en"
    html = _password_login(client, officer.username).content.decode()
    assert "A password alone is not enough" in html


def test_an_enrolment_code_works_once_for_its_officer_until_it_expires(officers):
    """The code is stored as a hash, works for its own officer only, once, and not
    after OTP_ENROLMENT_HOURS."""
    officer, other = officers[FRONT_OFFICE], officers[SEKRETARIS]
    code = issue_enrolment_code(officer, reset=True)
    stored = EnrolmentCode.objects.get(user=officer)
    assert code.replace("-", "") not in stored.code_hash
    TOTPDevice.objects.filter(user=other).delete()
    stranger = Client()
    _password_login(stranger, other.username)
    refused = stranger.post("/akun/verifikasi/", {"enrolment_code": code})
    assert 'id="otp-secret"' not in refused.content.decode()

    client = Client()
    _password_login(client, officer.username)
    shown = client.post("/akun/verifikasi/", {"enrolment_code": code}, follow=True)
    assert 'id="otp-secret"' in shown.content.decode()
    again = Client()
    _password_login(again, officer.username)
    used = again.post("/akun/verifikasi/", {"enrolment_code": code})
    assert "sudah dipakai" in used.content.decode()

    late = issue_enrolment_code(officer, reset=True)
    EnrolmentCode.objects.filter(used_at__isnull=True).update(
        expires_at=EnrolmentCode.objects.get(used_at__isnull=True).issued_at - timedelta(1)
    )
    third = Client()
    _password_login(third, officer.username)
    expired = third.post("/akun/verifikasi/", {"enrolment_code": late})
    assert "kedaluwarsa" in expired.content.decode()


def test_enrolment_ends_with_recovery_codes_that_work_once(officers):
    """Confirming the app shows recovery codes once; one signs in instead of the app's
    code, and only once."""
    officer = officers[FRONT_OFFICE]
    out = StringIO()
    call_command("issue_enrolment_code", officer.username, "--reset", stdout=out)
    code = out.getvalue().rsplit(" ", 1)[-1].strip()
    client = Client()
    _password_login(client, officer.username)
    client.post("/akun/verifikasi/", {"enrolment_code": code}, follow=True)
    device = TOTPDevice.objects.get(user=officer)
    done = client.post("/akun/verifikasi/", {"otp_token": current_code(device)})
    html = done.content.decode()
    assert 'id="recovery-codes"' in html and "hanya ditampilkan sekali" in html
    recovery = html.split("<li><code>")[1].split("</code>")[0]
    assert client.get("/kotak-masuk/").status_code == 200

    lost_phone = Client()
    _password_login(lost_phone, officer.username)
    assert lost_phone.post("/akun/verifikasi/", {"otp_token": recovery}).status_code == 302
    assert lost_phone.get("/kotak-masuk/").status_code == 200
    replay = Client()
    _password_login(replay, officer.username)
    assert replay.post("/akun/verifikasi/", {"otp_token": recovery}).status_code == 200
    assert replay.get("/kotak-masuk/").status_code == 302
