"""The SKM report PDF and XLSX are in the language of the request that asked for them:
headings, element names, performance bands and the methods prose, whose numbers use that
language's decimal separator like the tables beside them (88,31 / 88.31)."""

import io
import shutil
import subprocess

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from loket.surveys.tests.helpers import add_responses, results_changed

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def _pdf_text(client):
    response = client.get(reverse("surveys:report_pdf"))
    assert response.status_code == 200
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.split())


@pytest.fixture
def report_client(client, officers, sikts):
    add_responses(sikts.service, 12, {"u3": 2}, comment="Tanda tangan lama")
    results_changed(sikts.service.office)
    client.force_login(officers["sekretaris"])
    return client


def test_the_pdf_in_indonesian(report_client):
    text = _pdf_text(report_client)
    assert "RINGKASAN HASIL SURVEI KEPUASAN MASYARAKAT" in text
    assert "88,31 atau lebih adalah A (sangat baik)" in text
    assert "3,5324 atau lebih adalah A" in text and "X² = 3,841" in text
    assert "Waktu Penyelesaian" in text and "Umur" in text
    assert "memperoleh NRR 2,000 (mutu D, tidak baik)" in text  # the follow-up's problem
    assert "88.31" not in text and "Values are computed" not in text


def test_the_pdf_in_english(report_client):
    report_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    text = _pdf_text(report_client)
    assert "SUMMARY OF THE COMMUNITY SATISFACTION SURVEY RESULTS" in text
    assert "88.31 or more is A (very good)" in text
    assert "3.5324 or more is A" in text and "X² = 3.841" in text
    assert "Completion Time" in text and "Follow-up plan" in text
    assert "Age" in text and "Education" in text
    # The follow-up's problem is the office's own (editable) text, in Indonesian.
    for indonesian in ("88,31", "Umur", "Pendidikan", "sangat baik", "Rencana tindak lanjut"):
        assert indonesian not in text


def test_the_workbook_in_english(report_client):
    report_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = report_client.get(reverse("surveys:report_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Summary"
    summary = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row}
    assert summary["Number of respondents"] == 12
    assert "88.31 or more is A (very good)" in summary["Classification rule"]
    header = next(book.worksheets[1].iter_rows(values_only=True))
    assert "Performance" in header and "Kinerja" not in header
