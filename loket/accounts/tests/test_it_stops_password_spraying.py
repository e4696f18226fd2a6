"""One address trying many usernames (password spraying) is stopped after
RATE_LOGIN_FAILURES failures in 15 minutes, though no single username reaches the
lockout of five."""

import pytest
from django.test import Client

from loket.testing import PASSWORD


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _try(username, password, address="198.51.100.7"):
    return Client().post(
        "/masuk/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_it_stops_45_tries_over_15_usernames_from_one_address(officers):
    """Three guesses at each of 15 usernames: from the 21st try on, the address gets
    the 429 page, even for a real officer's right password; another address does not."""
    answers = [
        _try(f"pegawai{n}", guess).status_code
        for n in range(15)
        for guess in ("rahasia1", "Password1", "loket2026")
    ]
    assert answers[:20] == [200] * 20
    assert answers[20:] == [429] * 25
    refused = _try(officers["front_office"].username, PASSWORD)
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan dari alamat Anda" in refused.content.decode()
    assert _try(officers["front_office"].username, PASSWORD, "198.51.100.8").status_code == 302


def test_it_refuses_the_sprayed_address_in_every_sign_in(officers, client):
    """The limit sits in authentication itself: the test client's login (any sign-in
    path: admin, API) is refused too once the address is over it."""
    for n in range(20):
        _try(f"pegawai{n}", "salah", address="127.0.0.1")
    assert not client.login(username=officers["front_office"].username, password=PASSWORD)


def test_it_says_so_in_english(officers, settings):
    """The refusal is translated."""
    for n in range(20):
        _try(f"pegawai{n}", "salah")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.cookies["django_language"] = "en"
    page = client.post("/masuk/", {"username": "x", "password": "y"}, REMOTE_ADDR="198.51.100.7")
    assert page.status_code == 429
    assert "Too many requests from your address" in page.content.decode()
