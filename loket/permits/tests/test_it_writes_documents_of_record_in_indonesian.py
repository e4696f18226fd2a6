"""Documents of record (the permit, the control card) are in Indonesian whatever the
language of the officer whose action makes them: an officer reading Loket in English
does not get a permit dated "7 December 2026" or a card saying "3 working days"."""

import shutil
import subprocess

import pytest
from django.utils import formats, timezone, translation

from loket.permits import cards, drafts

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def _text(pdf):
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def test_the_permit_draft_is_dated_in_indonesian(application):
    today = timezone.localdate()
    with translation.override("id"):
        indonesian = formats.date_format(today, "j F Y")
    with translation.override("en"):
        english = formats.date_format(today, "j F Y")
        text = _text(drafts.render_draft(application))
    assert indonesian in text
    if english != indonesian:
        assert english not in text


def test_the_control_card_counts_working_days_in_indonesian(application):
    with translation.override("en"):
        text = _text(cards.control_card_pdf(application))
    assert "hari kerja" in text and "working day" not in text
