"""Text a stranger typed is written to spreadsheets and CSV as text, never as a formula."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from loket.lib.exports import Figure, as_text, csv_text, text_row, xlsx_bytes
from loket.lib.tests.hostile.strings import FORMULAS, HOSTILE_STRINGS


@pytest.mark.parametrize("name", sorted(FORMULAS))
def test_it_prefixes_text_that_starts_like_a_formula(name):
    """=, +, -, @, tab and CR at the start get a leading apostrophe; the text is kept."""
    value = FORMULAS[name]
    assert as_text(value) == "'" + value


def test_it_leaves_other_values_as_they_are():
    """Plain text, numbers (also negative ones), dates and None are not touched."""
    day = datetime.date(2026, 3, 2)
    at = datetime.datetime(2026, 3, 2, 9, 30)
    values = ["Antrean lama", "a=b", -5, 3.5, day, at, None, ""]
    assert text_row(values) == values


def test_it_drops_what_a_workbook_cannot_hold():
    """NUL and other control characters are dropped, a lone surrogate replaced: the
    export is written instead of failing on one stray character."""
    assert as_text(HOSTILE_STRINGS["nul"]) == "laporantersembunyi"
    assert as_text(HOSTILE_STRINGS["lone_surrogate"]) == "keluhan ? di loket"


def _figure():
    rows = [[name, value, datetime.date(2026, 3, 2)] for name, value in HOSTILE_STRINGS.items()]
    return Figure(slug="uji", title="=1+1", columns=["Nama", "@Nilai", "Tanggal"], rows=rows)


def test_it_writes_no_formula_to_an_xlsx_figure():
    """Every cell of the exported workbook is text, a number or a date: none is a formula,
    and the hostile values read back with their apostrophe; dates stay dates."""
    sheet = load_workbook(io.BytesIO(xlsx_bytes([_figure()]))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells]
    assert "'=1+1" in values and "'@Nilai" in values
    for value in FORMULAS.values():
        assert "'" + value.replace("\r", "\n") in values or "'" + value in values
    dates = [c.value for c in sheet["C"][2:]]
    assert all(isinstance(d, datetime.datetime) for d in dates)


def test_it_writes_no_formula_to_a_csv_figure():
    """In CSV no cell starts with a formula character."""
    rows = list(csv.reader(io.StringIO(csv_text(_figure()))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert '\'=HYPERLINK("http://evil.example/","klik")' in cells
