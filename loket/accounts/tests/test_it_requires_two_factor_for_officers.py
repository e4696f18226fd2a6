"""Officers pass a TOTP code after their password; until then they reach nothing."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.models import Officer
from loket.accounts.testing_login import fresh_code, plain_force_login
from loket.accounts.two_factor import current_code, issue_enrolment_code
from loket.core.roles import FRONT_OFFICE, KEPALA_DINAS
from loket.testing import PASSWORD

OFFICER_PAGES = ["/kotak-masuk/", "/pengaduan/kotak-masuk/", "/laporan/", "/"]


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _password_login(client, username):
    return client.post("/masuk/", {"username": username, "password": PASSWORD}, follow=True)


def test_it_sends_a_new_officer_to_enrol_then_lets_them_in(officers):
    """Without a device, after the administrator's enrolment code: QR code and secret;
    the first right code confirms it."""
    officer = officers[FRONT_OFFICE]
    code = issue_enrolment_code(officer, reset=True)
    client = Client()
    page = _password_login(client, officer.username)
    assert page.redirect_chain[-1][0].startswith("/akun/verifikasi/")
    page = client.post(page.redirect_chain[-1][0], {"enrolment_code": code}, follow=True)
    html = page.content.decode()
    assert 'id="otp-secret"' in html and "data:image/svg+xml" in html
    device = TOTPDevice.objects.get(user=officer)
    assert not device.confirmed
    assert client.get("/kotak-masuk/").status_code == 302

    done = client.post("/akun/verifikasi/", {"otp_token": current_code(device), "next": "/"})
    assert done.status_code == 200 and 'id="recovery-codes"' in done.content.decode()
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/kotak-masuk/").status_code == 200


def test_it_asks_an_enrolled_officer_for_a_code_and_refuses_wrong_ones(officers):
    """With a device: no secret shown; a wrong code keeps every officer page closed."""
    officer = officers[KEPALA_DINAS]
    client = Client()
    page = _password_login(client, officer.username)
    assert page.redirect_chain[-1][0].startswith("/akun/verifikasi/")
    assert 'id="otp-secret"' not in page.content.decode()

    wrong = client.post("/akun/verifikasi/", {"otp_token": "000000x"})
    assert wrong.status_code == 200 and "Kode salah" in wrong.content.decode()
    for path in OFFICER_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/akun/verifikasi/?next=")

    right = client.post("/akun/verifikasi/", {"otp_token": fresh_code(officer)})
    assert right.status_code == 302
    assert client.get("/kotak-masuk/").status_code == 200


def test_it_refuses_the_api_to_an_unverified_officer(officers, application):
    """The API answers 403 in its error shape until the session passed the code."""
    client = Client()
    plain_force_login(client, officers[FRONT_OFFICE])
    for path in ["/api/v1/permits/inbox", f"/api/v1/permits/applications/{application.pk}"]:
        response = client.get(path)
        assert response.status_code == 403, path
        assert "dua langkah" in response.json()["detail"]
    client.post("/akun/verifikasi/", {"otp_token": fresh_code(officers[FRONT_OFFICE])})
    assert client.get("/api/v1/permits/inbox").status_code == 200


def test_it_accepts_each_code_once(officers):
    """A code that was used cannot open a second session (replay)."""
    officer = officers[FRONT_OFFICE]
    first, second = Client(), Client()
    plain_force_login(first, officer)
    plain_force_login(second, officer)
    code = fresh_code(officer)
    assert first.post("/akun/verifikasi/", {"otp_token": code}).status_code == 302
    replay = second.post("/akun/verifikasi/", {"otp_token": code})
    assert replay.status_code == 200
    assert second.get("/kotak-masuk/").status_code == 302


def test_it_slows_down_code_guessing(officers):
    """After wrong codes the device refuses even the right one for a while."""
    officer = officers[FRONT_OFFICE]
    client = Client()
    plain_force_login(client, officer)
    client.post("/akun/verifikasi/", {"otp_token": "111111"})
    client.post("/akun/verifikasi/", {"otp_token": "222222"})
    code = fresh_code(officer)
    refused = client.post("/akun/verifikasi/", {"otp_token": code})
    assert "Terlalu banyak kode yang salah" in refused.content.decode()
    assert DEVICE_ID_SESSION_KEY not in client.session


def test_it_does_not_ask_applicants_for_a_code(applicant):
    """Applicants log in with their password alone."""
    client = Client()
    page = _password_login(client, applicant.user.username)
    assert not any("/akun/verifikasi/" in url for url, _status in page.redirect_chain)
    assert client.get("/permohonan/").status_code == 200
    assert client.get("/akun/verifikasi/").status_code == 302


def test_it_asks_staff_for_a_code_too(db):
    """Admin staff create and disable officers, so the admin is behind the code too."""
    admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    client = Client()
    plain_force_login(client, admin)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/")["Location"].startswith("/akun/verifikasi/")


def test_it_lets_tests_log_officers_in_verified(officers, office):
    """Test-only: client.force_login and client.login pass the second factor."""
    client = Client()
    client.force_login(officers[FRONT_OFFICE])
    assert client.get("/kotak-masuk/").status_code == 200
    other = Client()
    assert other.login(username=officers[KEPALA_DINAS].username, password=PASSWORD)
    assert other.get("/kotak-masuk/").status_code == 200
    # An officer made without make_officers gets a device on the spot.
    user = User.objects.create_user("lain", password=PASSWORD)
    Officer.objects.create(user=user, office=office)
    third = Client()
    third.force_login(user)
    assert third.get("/kotak-masuk/").status_code in (200, 404)
    assert third.get("/kotak-masuk/").status_code != 302
