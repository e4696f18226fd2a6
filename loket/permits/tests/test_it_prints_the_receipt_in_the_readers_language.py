"""The applicant's receipt is in the language of the request that prints it, its
service time included ("working days" in English, "hari kerja" in Indonesian)."""

import shutil
import subprocess

import pytest
from django.utils import translation

from loket.permits import cards

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def _text(pdf):
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


@pytest.mark.parametrize(
    ("language", "shown", "absent"),
    [
        ("id", ["TANDA TERIMA BERKAS PERMOHONAN", "Nomor registrasi", "hari kerja"], "Fee"),
        (
            "en",
            ["RECEIPT FOR AN APPLICATION FILE", "Registration number", "working day"],
            "Perkiraan selesai",
        ),
    ],
)
def test_the_receipt_in_both_languages(application, language, shown, absent):
    with translation.override(language):
        text = _text(cards.receipt_pdf(application))
    assert all(words in text for words in shown) and absent not in text
