"""The published standard's components are the regulation's own Indonesian words: on the
English page they are marked lang="id" (WCAG 3.1.2) and the page says why they are not
translated; the Indonesian page needs no such note."""

from django.test import Client
from django.urls import reverse


def _page(sikts, language):
    client = Client()
    client.cookies["django_language"] = language
    service = sikts.service
    url = reverse("standards:detail", args=[service.office.code, service.code])
    return client.get(url).content.decode()


def test_the_english_page_marks_and_explains_the_indonesian_text(sikts):
    page = _page(sikts, "en")
    assert "This service standard is enacted in Indonesian" in page
    assert '<span lang="id">' in page and '<div lang="id">' in page


def test_the_indonesian_page_has_no_note(sikts):
    page = _page(sikts, "id")
    assert "ditetapkan dalam Bahasa Indonesia" not in page
