"""An unknown verification code is Loket's 404 page in the page's language, saying what
a checker holding a printed permit should do; never Django's bare English "Not Found"."""

import pytest
from django.conf import settings
from django.test import Client


@pytest.mark.parametrize(
    ("language", "heading", "advice", "absent"),
    [
        ("id", "Izin tidak ditemukan", "Tidak ada izin dengan kode verifikasi ini.", "Permit"),
        ("en", "Permit not found", "No permit has this verification code.", "Izin tidak"),
    ],
)
def test_an_unknown_code_is_loket_404(db, language, heading, advice, absent):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/v/tidak-ada")
    body = page.content.decode()
    assert page.status_code == 404
    assert heading in body and advice in body and f'lang="{language}"' in body
    assert absent not in body and "Not Found" not in body
