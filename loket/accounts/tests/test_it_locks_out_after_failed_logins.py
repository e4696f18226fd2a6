"""Five failed logins lock that username from that address for 15 minutes."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client

from loket.testing import PASSWORD


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _try(client, username, password, address="10.0.0.1"):
    return client.post("/masuk/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_locks_out_after_five_failures_with_a_clear_message(applicant):
    """The fifth failure locks; then even the right password gets the lockout page."""
    client = Client()
    username = applicant.user.username
    for _attempt in range(4):
        assert _try(client, username, "salah").status_code == 200
    assert _try(client, username, "salah").status_code == 429
    locked = _try(client, username, PASSWORD)
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "Akun dikunci sementara" in text and "15 menit" in text
    assert "_auth_user_id" not in client.session


def test_it_locks_by_username_and_address_together(applicant, officers):
    """Another address, or another username from the same address, still logs in."""
    username = applicant.user.username
    for _attempt in range(5):
        _try(Client(), username, "salah")
    assert _try(Client(), username, PASSWORD).status_code == 429
    assert _try(Client(), username, PASSWORD, address="10.0.0.2").status_code == 302
    other = officers["front_office"].username
    assert _try(Client(), other, PASSWORD).status_code == 302


def test_it_opens_again_after_the_cool_off(applicant, settings):
    """After 15 minutes the pair may log in again."""
    assert settings.AXES_COOLOFF_TIME == timedelta(minutes=15)
    username = applicant.user.username
    for _attempt in range(5):
        _try(Client(), username, "salah")
    assert _try(Client(), username, PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username=username)
    attempt.attempt_time -= timedelta(minutes=16)
    attempt.save(update_fields=["attempt_time"])
    assert _try(Client(), username, PASSWORD).status_code == 302
