"""The Buku Pengaduan's XLSX and PDF are in the language of the request that downloads
them: "Nomor tiket" in Indonesian, "Ticket number" in English."""

import io
import shutil
import subprocess

import pytest
from django.conf import settings
from openpyxl import load_workbook

from loket.complaints.tests.helpers import web_complaint


@pytest.mark.parametrize(
    ("language", "title", "headers", "heading"),
    [
        ("id", "Buku Pengaduan", ["No", "Nomor tiket", "Tanggal pengaduan"], "BUKU PENGADUAN"),
        ("en", "Complaints Register", ["No.", "Ticket number", "Complaint date"], "COMPLAINTS"),
    ],
)
def test_the_register_in_both_languages(
    client, office, officers, outbox, language, title, headers, heading
):
    web_complaint(office, name="Ani")
    client.force_login(officers["sekretaris"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    book = load_workbook(io.BytesIO(client.get("/pengaduan/buku/?format=xlsx").content))
    sheet = book.active
    assert sheet.title == title and sheet["A1"].value.startswith(title)
    assert [c.value for c in sheet[2]][:3] == headers
    if shutil.which("pdftotext"):
        pdf = client.get("/pengaduan/buku/?format=pdf").content
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert heading in text
