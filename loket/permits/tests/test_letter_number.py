"""The one-month letter carries its own gap-free number, per office and year."""

import datetime as dt
import shutil
import subprocess

import pytest
from django.utils import timezone

from loket.core.models import Office, Sequence
from loket.core.storage import read_private
from loket.notify import actions as notify_actions
from loket.notify.models import Letter
from loket.permits import issuance
from loket.permits.issuance import send_uncollected_letters
from loket.permits.models import Application
from loket.testing import advance, file_for, make_applicant


def _ready(sikts, office, officers, name, finished):
    application = advance(file_for(sikts, make_applicant(office, name)), officers, 9)
    at = timezone.make_aware(dt.datetime.combine(finished, dt.time(10, 0)))
    Application.objects.filter(pk=application.pk).update(completed_at=at)
    return application


def _letter_seq(office, year):
    row = Sequence.objects.filter(office=office, name="letter", year=year).first()
    return row.last if row else 0


def test_it_numbers_letters_in_sequence_and_restarts_each_year(sikts, office, officers):
    """Letters of one run are 001, 002 in the office's format; the next year starts at 001."""
    first = _ready(sikts, office, officers, "Ani", dt.date(2027, 1, 5))
    second = _ready(sikts, office, officers, "Budi", dt.date(2027, 1, 6))
    made = send_uncollected_letters(today=dt.date(2027, 3, 1))
    assert [(letter.subject, letter.number) for letter in made] == [
        (issuance.letter_subject(first.permit.pk), "503/001/DPMPTSP/2027"),
        (issuance.letter_subject(second.permit.pk), "503/002/DPMPTSP/2027"),
    ]
    Office.objects.filter(pk=office.pk).update(letter_number_format="800/{seq:04d}/SP/{year}")
    late = _ready(sikts, office, officers, "Citra", dt.date(2027, 12, 1))
    (next_year,) = send_uncollected_letters(today=dt.date(2028, 1, 10))
    assert (next_year.subject, next_year.number) == (
        issuance.letter_subject(late.permit.pk),
        "800/0001/SP/2028",
    )
    assert _letter_seq(office, 2027) == 2 and _letter_seq(office, 2028) == 1


def test_it_gives_the_number_back_when_the_letter_fails(sikts, office, officers, monkeypatch):
    """A letter that cannot be stored takes no number: the next one is still 001."""
    _ready(sikts, office, officers, "Ani", dt.date(2027, 1, 5))

    def broken_disk(data, kind):
        raise OSError("disk full")

    with monkeypatch.context() as patched, pytest.raises(OSError):
        patched.setattr(notify_actions, "store_private", broken_disk)
        send_uncollected_letters(today=dt.date(2027, 3, 1))
    assert _letter_seq(office, 2027) == 0 and not Letter.objects.exists()
    (letter,) = send_uncollected_letters(today=dt.date(2027, 3, 1))
    assert letter.number == "503/001/DPMPTSP/2027"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_it_prints_the_number_on_the_letter(sikts, office, officers, tmp_path):
    """The letter's PDF shows its own number, not a dotted placeholder."""
    _ready(sikts, office, officers, "Ani", dt.date(2027, 1, 5))
    (letter,) = send_uncollected_letters(today=dt.date(2027, 3, 1))
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(read_private(letter.stored_name))
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert "503/001/DPMPTSP/2027" in text
    assert "......../DPMPTSP" not in text
