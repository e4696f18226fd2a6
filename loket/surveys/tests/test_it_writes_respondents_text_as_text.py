"""The SKM workbook writes a respondent's comment as text and its time as a real date."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from loket.lib.tests.hostile.strings import FORMULAS
from loket.surveys.tests.helpers import add_responses


def test_it_writes_a_formula_typed_as_a_comment_as_text(client, officers, sikts):
    """A comment "=HYPERLINK(...)" reads back as that text with an apostrophe, not as a
    formula; the comment's time is a date the spreadsheet can sort."""
    for value in FORMULAS.values():
        add_responses(sikts.service, 1, comment=value)
    client.force_login(officers["kepala_dinas"])
    response = client.get(reverse("surveys:report_xlsx"))
    book = load_workbook(io.BytesIO(response.content))
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    rows = list(book["Saran dan masukan"].iter_rows(min_row=2, values_only=True))
    comments = [text for _at, text in rows]
    assert "'" + FORMULAS["formula_equals"] in comments
    assert "'" + FORMULAS["formula_plus"] in comments
    assert all(isinstance(at, datetime.datetime) for at, _text in rows)
