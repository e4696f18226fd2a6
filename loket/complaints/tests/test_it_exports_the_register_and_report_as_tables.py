"""The Buku Pengaduan and the monthly report's list export as tables: the complaint's
date a real date cell, the handling days a number, the header bold and frozen, a filter
over the rows, fitted columns; a complainant's formula-like text stays text."""

import datetime
import io

from django.utils import timezone
from openpyxl import load_workbook

from loket.complaints import actions
from loket.complaints.tests.helpers import web_complaint
from loket.lib.exports import DATE_FORMAT
from loket.lib.tests.xlsx_checks import assert_table


def test_it_exports_the_register_as_a_filtered_table_with_real_dates(
    client, office, officers, outbox
):
    """Title in row 1, header in row 2 (bold, frozen), the filter over the entries."""
    handler = officers["pengelola_pengaduan"]
    complaint = web_complaint(office, name='=HYPERLINK("http://evil.example/")')
    actions.answer(actions.weigh(complaint, handler, "ringan", "uji"), handler, "Jawaban")
    client.force_login(officers["sekretaris"])
    sheet = load_workbook(
        io.BytesIO(client.get("/pengaduan/buku/?history=on&format=xlsx").content)
    ).active
    assert_table(sheet, header_row=2)
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == f"A2:J{sheet.max_row}"
    entries = list(sheet.iter_rows(min_row=3))
    assert len(entries) == 3  # recorded, weighed, closed
    date = entries[0][2]
    assert date.value == datetime.datetime.combine(timezone.localdate(), datetime.time())
    assert date.number_format == DATE_FORMAT
    assert entries[0][0].data_type == "n"
    assert entries[-1][8].data_type == "n"  # handling days of the closed complaint
    assert entries[0][3].value.startswith("'=HYPERLINK")


def test_it_exports_the_monthly_list_as_a_filtered_table(client, office, officers, outbox):
    """The report's list sheet has real dates and a filter; the summary fits its text."""
    web_complaint(office)
    web_complaint(office)
    now = timezone.localtime()
    report = actions.compile_report(office, officers["pengelola_pengaduan"], now.year, now.month)
    client.force_login(officers["kepala_dinas"])
    book = load_workbook(io.BytesIO(client.get(f"/pengaduan/laporan/{report.pk}/v1.xlsx").content))
    listing = book["Daftar pengaduan"]
    assert_table(listing)
    assert listing.auto_filter.ref == "A1:I3" and listing.freeze_panes == "A2"
    assert listing["B2"].value == datetime.datetime.combine(now.date(), datetime.time())
    assert listing["B2"].number_format == DATE_FORMAT
    summary = book["Ringkasan"]
    width = summary.column_dimensions["A"].width
    assert width >= len("Rata-rata lama penanganan (hari kerja)")
