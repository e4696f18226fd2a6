"""Errors outside the API are Loket's own pages, in the language of the page: a 404 says
"Halaman tidak ditemukan" (or "Page not found"), never Django's bare English "Not
Found"; 400 and 403 likewise; the 500 page needs neither the request nor the database."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_a_missing_page_is_loket_404_in_indonesian(client, db):
    """An address Loket does not have: the 404 page, with the navigation and the way out."""
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in html and "Lihat daftar layanan" in html
    assert 'lang="id"' in html and "Not Found" not in html and "Page not found" not in html


def test_a_missing_page_is_loket_404_in_english(client, db):
    """The same page in English once English is chosen, without Indonesian left over."""
    _english(client)
    response = client.get("/tidak-ada-halaman-ini/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html and "See the list of services" in html
    assert 'lang="en"' in html and "Halaman tidak ditemukan" not in html


@pytest.mark.parametrize(
    ("language", "heading", "absent"),
    [("id", "Akses ditolak", "Access denied"), ("en", "Access denied", "Akses ditolak")],
)
def test_a_page_the_user_may_not_open_is_loket_403(client, applicant, language, heading, absent):
    """An applicant opening the audit trail: 403, Loket's page, in the chosen language."""
    client.force_login(applicant.user)
    if language == "en":
        _english(client)
    response = client.get(reverse("audit:trail"))
    html = response.content.decode()
    assert response.status_code == 403
    assert heading in html and absent not in html and "403 Forbidden" not in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("id", "Permintaan tidak dapat diproses"), ("en", "The request cannot be processed")],
)
def test_a_request_django_refuses_is_loket_400(client, db, language, heading):
    """A request for a host Loket does not serve (Django's DisallowedHost): Loket's 400."""
    if language == "en":
        _english(client)
    response = client.get("/layanan/", HTTP_HOST="bukan-loket.example")
    html = response.content.decode()
    assert response.status_code == 400
    assert heading in html and "Bad Request" not in html


@pytest.mark.parametrize(
    ("language", "heading", "absent"),
    [
        ("id", "Terjadi kesalahan pada server", "Server error"),
        ("en", "Server error", "Terjadi kesalahan"),
    ],
)
def test_the_500_page_needs_no_request_context_nor_database(language, heading, absent):
    """Django's handler500 renders 500.html from the bare template (no `db` fixture here:
    a query would fail the test), in the language active when the error happened."""
    with translation.override(language):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert heading in html and absent not in html and f'lang="{language}"' in html


@pytest.mark.parametrize(
    ("language", "heading", "detail"),
    [
        ("id", "Permintaan tidak dapat diproses", "Isian tidak boleh berisi karakter NUL."),
        ("en", "The request cannot be processed", "Fields must not contain NUL characters."),
    ],
)
def test_a_refused_nul_character_is_loket_400_with_the_reason(
    client, db, language, heading, detail
):
    """A NUL in a form (loket.lib.no_nul): the 400 page, saying why, not a bare text line."""
    if language == "en":
        _english(client)
    response = client.get("/lacak/", {"reg": "\x00"})
    html = response.content.decode()
    assert response.status_code == 400
    assert heading in html and detail in html and f'lang="{language}"' in html


@pytest.mark.parametrize(
    ("language", "heading"), [("id", "Formulir kedaluwarsa"), ("en", "The form has expired")]
)
def test_a_form_without_its_csrf_token_is_loket_403(db, language, heading):
    """A form posted without its CSRF token (a page left open too long, cookies refused):
    Loket's page saying what to do, not Django's English "CSRF verification failed"."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    if language == "en":
        _english(client)
    response = client.post(reverse("login"), {"username": "x", "password": "y"})
    html = response.content.decode()
    assert response.status_code == 403
    assert heading in html and "CSRF verification failed" not in html
