"""The applicant's data export as PDF speaks the language they read Loket in: its
headings, the states of their files and permit, and its dates. Their data (names,
answers, the messages as they were sent) is shown as it is; no internal code
("valid", "counter", "link") reaches the page."""

import re
import subprocess

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation

from loket.surveys.actions import create_invitation, submit_by_token
from loket.surveys.tests.helpers import form_data
from loket.testing import advance, file_for, make_applicant


@pytest.fixture
def owner(sikts, office, officers):
    applicant = make_applicant(office, name="Siti Pemilik Data")
    done = advance(file_for(sikts, applicant), officers, 99)
    submit_by_token(create_invitation(done).token, form_data(3))
    return applicant


def _pdf_text(user, language):
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("accounts:my_data_pdf"))
    assert response.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


def test_it_is_indonesian_by_default(owner):
    text = _pdf_text(owner.user, "id")
    assert "Data Pribadi yang Disimpan tentang Siti Pemilik Data" in text
    assert "Kartu kendali" in text and "Pesan yang dikirim kepada Anda" in text
    assert "(berlaku)" in text
    assert "Tautan undangan" in text
    # Each document under the requirement's name, not its code.
    assert "Fotokopi Kartu Tanda Penduduk (KTP)" in text
    assert "Personal data" not in text


def test_it_is_english_for_an_applicant_reading_in_english(owner):
    text = _pdf_text(owner.user, "en")
    assert "Personal Data Held about Siti Pemilik Data" in text
    assert "Control card" in text and "Messages sent to you" in text
    assert "(valid)" in text
    assert "Invitation link" in text
    assert "Copy of the identity card (KTP)" in text
    # (The consent notice stays as the applicant consented to it, in Indonesian.)
    for indonesian in ("Permohonan", "Kartu kendali", "Identitas", "Jawaban survei", "(berlaku)"):
        assert indonesian not in text


@pytest.mark.parametrize("language", ["id", "en"])
def test_it_shows_dates_as_people_read_them(owner, language):
    text = _pdf_text(owner.user, language)
    filed = timezone.localtime(owner.applications.earliest("filed_at").filed_at)
    with translation.override(language):
        shown = formats.date_format(filed, "j F Y H:i")
    assert shown in text
    # Not ISO 8601 ("2026-12-07T10:15:00+07:00"), which the JSON export keeps.
    assert not re.search(r"\d{4}-\d\d-\d\dT", text) and "+07:00" not in text
