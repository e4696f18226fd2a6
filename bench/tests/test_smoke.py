"""The harness on a small office: the generator writes what the app would, and each
hand-written SQL baseline gives the app's own figures (so a ratio compares like with
like)."""

import os
import random

import pytest
from django.core.management import call_command
from django.db import connection

from bench import reports
from bench.generate import DELIVERY, Generator
from loket.permits.models import Application, ControlCardEntry, Task

SCALE = 200
OPEN_FO = 20


@pytest.fixture
def generated(db):
    generator = Generator(
        SCALE, open_fo=OPEN_FO, progress=False, defer_indexes=False, threaded=False
    )
    generator.run()
    # Rows written around the ORM: the reports' roll-ups are counted from them.
    call_command("rebuild_rollups", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return generator


def _foreign_key_problems():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            return cursor.fetchall()
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # raises on a dangling reference
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return []


def test_it_gives_the_same_report_figures_as_the_hand_written_sql(generated):
    """IKM, supervision and monthly complaint report: app == SQL on generated data."""
    problems = reports.checks(generated.office, generated.last_year, now=generated.now)
    assert problems == {name: [] for name in problems}
    figures = reports.app_supervision(generated.office, _year(generated))
    assert sum(f["count"] for f in figures["steps"].values()) >= SCALE * 8


def test_it_writes_files_as_the_actions_would(generated):
    """One open task per open file, consecutive numbers, working minutes the calendar's."""
    from loket.complaints.actions import DELIVERY_METHODS

    assert DELIVERY == {channel: methods[0] for channel, methods in DELIVERY_METHODS.items()}
    assert not _foreign_key_problems()
    office = generated.office
    assert Application.objects.filter(office=office, closed_at__isnull=False).count() == SCALE
    open_fo = Task.objects.filter(office=office, role="front_office", closed_at__isnull=True)
    assert open_fo.count() == OPEN_FO
    assert not Application.objects.filter(status="processing", tasks__isnull=True).exists()
    calendar = office.calendar()
    entries = list(
        ControlCardEntry.objects.filter(event="handed_over", step_no__gt=1).select_related("task")
    )
    for entry in random.Random(1).sample(entries, 60):
        assert calendar.minutes_between(entry.task.opened_at, entry.at) == entry.elapsed_minutes
        assert entry.late_minutes == entry.elapsed_minutes - entry.standard_minutes


def _year(generated):
    from loket.surveys import periods

    return periods.Period(periods.YEARLY, generated.last_year, 1)


def test_it_makes_the_documents_whose_memory_it_reports(generated):
    """The documents scenario renders and signs a real permit of the data, and writes
    the year's IKM spreadsheet (bench/documents.py)."""
    from bench import documents

    _before, _peak, signed = documents.sign_one_permit()
    _before, _peak, workbook = documents.year_ikm_xlsx(generated.last_year)
    assert signed > 10_000 and workbook > 5_000
