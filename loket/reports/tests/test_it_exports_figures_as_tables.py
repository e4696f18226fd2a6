"""Every sheet of the dashboard's, supervision and performance workbooks is a table: the
header bold and frozen under the figure's title, a filter over its rows, numbers as
numbers, fitted columns."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from loket.lib.tests.xlsx_checks import assert_table
from loket.testing import advance, file_for


def test_it_exports_every_figure_as_a_filtered_table(client, sikts, officers, applicant):
    """Each sheet of the three workbooks: header row 2 frozen and bold, the filter from it."""
    advance(file_for(sikts, applicant), officers, 99)
    file_for(sikts, applicant)
    client.force_login(officers["kepala_dinas"])
    for name in (
        "reports:dashboard_export",
        "reports:supervision_export",
        "reports:performance_export",
    ):
        response = client.get(reverse(name, args=["semua", "xlsx"]))
        book = load_workbook(io.BytesIO(response.content))
        for sheet in book.worksheets:
            header = [c.value for c in sheet[2] if c.value is not None]
            rows = [r for r in sheet.iter_rows(min_row=3, values_only=True) if any(r)]
            assert sheet.freeze_panes == "A3", sheet.title
            assert sheet["A2"].font.b
            assert sheet.auto_filter.ref.startswith("A2:"), sheet.title
            if rows and len(header) == sheet.max_column:
                assert_table(
                    sheet, header_row=2, last_row=int(sheet.auto_filter.ref.split(":")[1][1:])
                )
    book = load_workbook(
        io.BytesIO(client.get(reverse("reports:dashboard_export", args=["semua", "xlsx"])).content)
    )
    open_rows = list(book["berkas-proses"].iter_rows(min_row=3))
    assert open_rows[0][2].data_type == "n"
