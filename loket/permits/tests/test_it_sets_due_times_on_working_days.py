"""Due times of steps and files follow the office's working calendar."""

from datetime import date, datetime
from unittest import mock
from zoneinfo import ZoneInfo

from django.urls import reverse

from loket.core.models import CalendarDay
from loket.testing import advance, file_for

WIB = ZoneInfo("Asia/Jakarta")


def _file_at(when, sikts, applicant):
    with mock.patch("django.utils.timezone.now", return_value=when):
        return file_for(sikts, applicant)


def test_it_carries_a_friday_afternoon_file_over_the_weekend(sikts, applicant):
    """Filed Friday 15:50: the 35-minute check is due Monday 08:25; the file in 2 working days."""
    application = _file_at(datetime(2026, 11, 6, 15, 50, tzinfo=WIB), sikts, applicant)
    task = application.tasks.get(closed_at__isnull=True)
    assert task.due_at.astimezone(WIB) == datetime(2026, 11, 9, 8, 25, tzinfo=WIB)
    assert application.due_at.astimezone(WIB) == datetime(2026, 11, 10, 15, 50, tzinfo=WIB)


def test_it_skips_the_idul_fitri_leave_of_2026(sikts, applicant):
    """Filed Tuesday 17 March 2026 09:00, the file is due Thursday 26 March 09:00:
    18 March (cuti bersama), 19 (Nyepi), 20–24 (Idul Fitri and cuti bersama) are skipped."""
    application = _file_at(datetime(2026, 3, 17, 9, 0, tzinfo=WIB), sikts, applicant)
    assert application.due_at.astimezone(WIB) == datetime(2026, 3, 26, 9, 0, tzinfo=WIB)


def test_it_honours_office_closures(sikts, applicant, office):
    """An office closure on Monday pushes the Friday file's check to Tuesday."""
    CalendarDay.objects.create(
        office=office, date=date(2026, 11, 9), kind="closure", reason="Rapat kerja"
    )
    application = _file_at(datetime(2026, 11, 6, 15, 50, tzinfo=WIB), sikts, applicant)
    task = application.tasks.get(closed_at__isnull=True)
    assert task.due_at.astimezone(WIB) == datetime(2026, 11, 10, 8, 25, tzinfo=WIB)


def test_it_marks_a_late_step_on_the_card_and_in_the_inbox(client, sikts, applicant, officers):
    """A check finished an hour of working time after arrival is 25 minutes late."""
    start = datetime(2026, 11, 10, 9, 0, tzinfo=WIB)
    application = _file_at(start, sikts, applicant)
    client.force_login(officers["front_office"])
    assert "TERLAMBAT" in client.get(reverse("permits:inbox")).content.decode()
    with mock.patch(
        "django.utils.timezone.now", return_value=datetime(2026, 11, 10, 10, 0, tzinfo=WIB)
    ):
        application = advance(application, officers, 3)
    entry = application.card_entries.get(step_no=2, event="handed_over")
    assert (entry.standard_minutes, entry.elapsed_minutes, entry.late_minutes) == (35, 60, 25)
    assert entry.is_late
