"""The public verification page answers a broken upload in plain words, not the parser's."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loket.lib.tests.hostile import files
from loket.testing import advance


@pytest.fixture
def issued(application, officers):
    return advance(application, officers, 9)


@pytest.mark.parametrize("name", ["illegal_generation", "text_with_eof"])
def test_it_says_not_a_readable_pdf_in_both_languages(issued, name):
    """A file that cannot be parsed is "not a readable PDF", in Indonesian and English."""
    data = files.unreadable_pdfs()[name]
    url = f"/v/{issued.permit.verify_code}"
    page = Client().post(url, {"pdf": SimpleUploadedFile("izin.pdf", data, "application/pdf")})
    body = page.content.decode()
    assert page.status_code == 200
    assert "Berkas ini bukan PDF yang dapat dibaca." in body
    assert "TIDAK ASLI" in body
    assert "generation" not in body.lower()
    english_client = Client()
    english_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = english_client.post(
        url, {"pdf": SimpleUploadedFile("izin.pdf", data, "application/pdf")}
    )
    assert "This file is not a readable PDF." in english.content.decode()
