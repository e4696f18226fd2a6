"""A figure's XLSX is a table a person can work with: real dates in Jakarta time with a
date format, numbers as numbers, the header bold and frozen, a filter over the table,
columns as wide as their content (capped); its CSV stays text-safe."""

import csv
import datetime
import decimal
import io
import zoneinfo

from openpyxl import load_workbook

from loket.lib.exports import DATE_FORMAT, DATETIME_FORMAT, MAX_WIDTH, Figure, csv_text, xlsx_bytes
from loket.lib.tests.xlsx_checks import assert_table

UTC = datetime.UTC
LONG = "Keterlambatan penerbitan izin karena berkas fisik belum diterima " * 4


def _figure():
    return Figure(
        slug="uji",
        title="Judul gambar yang panjang sekali dan tidak ikut menentukan lebar kolom",
        columns=["Tanggal", "Waktu", "Jumlah", "Rata-rata", "Uraian"],
        rows=[
            [
                datetime.date(2026, 3, 2),
                datetime.datetime(2026, 3, 2, 2, 30, tzinfo=UTC),
                7,
                decimal.Decimal("2.50"),
                '=HYPERLINK("http://evil.example/")',
            ],
            [datetime.date(2026, 3, 3), None, -4, 1.25, LONG],
        ],
        note="Catatan di bawah tabel",
    )


def test_it_writes_real_dates_and_numbers_in_a_fitted_filtered_table(settings):
    """Dates are date cells (09:30 WIB for 02:30 UTC, no zone) with a date format;
    numbers are numbers; header row 2 is bold and frozen, the filter covers the header
    and both rows (not the title or the note); the long text's column is capped."""
    settings.TIME_ZONE = "Asia/Jakarta"
    sheet = load_workbook(io.BytesIO(xlsx_bytes([_figure()]))).active
    assert_table(sheet, header_row=2, columns=5, last_row=4)
    assert sheet.auto_filter.ref == "A2:E4" and sheet.freeze_panes == "A3"
    assert sheet["A3"].value == datetime.datetime(2026, 3, 2)
    assert sheet["A3"].number_format == DATE_FORMAT
    assert sheet["B3"].value == datetime.datetime(2026, 3, 2, 9, 30)
    assert sheet["B3"].number_format == DATETIME_FORMAT
    assert sheet["B3"].value.tzinfo is None
    assert sheet["C3"].data_type == "n" and sheet["C3"].value == 7 and sheet["C4"].value == -4
    assert sheet["D3"].data_type == "n" and sheet["D3"].value == 2.5
    assert sheet["E3"].value == '\'=HYPERLINK("http://evil.example/")'
    assert sheet.column_dimensions["E"].width == MAX_WIDTH
    assert sheet.column_dimensions["C"].width < 12
    assert sheet["A1"].font.b and sheet["A2"].font.b and not sheet["A3"].font.b
    assert sheet["A6"].value == "Catatan di bawah tabel"


def test_it_keeps_the_csv_text_safe():
    """The CSV has the Jakarta time as text, numbers as written, and no formula start."""
    rows = list(csv.reader(io.StringIO(csv_text(_figure()))))
    assert rows[1][:4] == ["2026-03-02", "2026-03-02 09:30:00", "7", "2.50"]
    assert rows[1][4] == '\'=HYPERLINK("http://evil.example/")'
    assert rows[2][2] == "-4"


def test_it_reads_jakarta_time_whatever_the_zone_given():
    """A datetime in another zone is written as the same moment in Jakarta."""
    at = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam"))
    figure = Figure(slug="z", title="t", columns=["Waktu"], rows=[[at]])
    sheet = load_workbook(io.BytesIO(xlsx_bytes([figure]))).active
    assert sheet["A3"].value == datetime.datetime(2026, 3, 2, 18, 0)
