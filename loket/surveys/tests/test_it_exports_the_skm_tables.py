"""The SKM workbook's tables (elements, comments, follow-up plan) are tables: numbers as
numbers, the comment's time a real Jakarta date, headers bold and frozen, a filter
over each table, fitted columns; a respondent's formula-like comment stays text."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from loket.lib.exports import DATE_FORMAT, DATETIME_FORMAT
from loket.lib.tests.xlsx_checks import assert_cells, assert_table
from loket.surveys.models import FollowUpItem
from loket.surveys.tests.helpers import add_responses, results_changed


def test_it_exports_each_table_of_the_report_as_a_filtered_table(client, officers, sikts):
    """Elements, comments and the plan: a filter each; the deadline a date cell."""
    add_responses(sikts.service, 12, {"u3": 2}, comment="=SUM(1+1) tanda tangan lama")
    results_changed(sikts.service.office)
    FollowUpItem.objects.update(deadline=datetime.date(2026, 12, 31))
    client.force_login(officers["kepala_dinas"])
    book = load_workbook(io.BytesIO(client.get(reverse("surveys:report_xlsx")).content))
    elements = book["Unsur"]
    assert_table(elements)
    assert elements.auto_filter.ref == "A1:H10" and elements.freeze_panes == "A2"
    assert elements["C2"].data_type == "n" and elements["E2"].data_type == "n"
    notes = book["Saran dan masukan"]
    assert_table(notes)
    assert notes["A2"].number_format == DATETIME_FORMAT and notes["A2"].value.tzinfo is None
    assert "'=SUM(1+1) tanda tangan lama" in [c.value for c in notes["B"]]
    plan = book["Rencana tindak lanjut"]
    assert_table(plan)
    assert plan["D2"].data_type == "n" and plan["I2"].number_format == DATE_FORMAT
    assert plan["I2"].value == datetime.datetime(2026, 12, 31)
    for name in ("Ringkasan", "Sebaran jawaban", "Profil responden"):
        assert_cells(book[name])
    assert book["Ringkasan"].column_dimensions["A"].width >= len(
        "Populasi (permohonan dalam periode)"
    )
