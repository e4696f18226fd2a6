"""The register and the monthly report write what a complainant typed as text."""

import datetime
import io

from openpyxl import load_workbook

from loket.complaints import exports, queries
from loket.complaints.models import RegisterEntry
from loket.complaints.tests.helpers import web_complaint
from loket.lib.tests.hostile.strings import FORMULAS


def test_it_writes_a_formula_typed_as_a_name_as_text(client, office, officers, outbox):
    """A complainant named "=HYPERLINK(...)" shows as that text in the Buku Pengaduan
    XLSX, no cell is a formula, and the date column holds real dates."""
    for value in FORMULAS.values():
        web_complaint(office, name=value, email="ani@example.org")
    client.force_login(officers["sekretaris"])
    response = client.get("/pengaduan/buku/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    identities = [row[3].value for row in sheet.iter_rows(min_row=3)]
    assert "'" + FORMULAS["formula_equals"] in identities
    assert "'" + FORMULAS["formula_at"] in identities
    dates = [row[2].value for row in sheet.iter_rows(min_row=3)]
    assert dates and all(isinstance(d, datetime.datetime | datetime.date) for d in dates)


def test_it_keeps_a_broken_character_from_failing_the_register(office, officers, outbox):
    """A control character in a name is dropped instead of failing the whole export."""
    web_complaint(office, name="Ani\x07 Rahma", email="ani@example.org")
    rows = queries.register_rows(
        RegisterEntry.objects.filter(office=office), officers["sekretaris"], office
    )
    sheet = load_workbook(io.BytesIO(exports.register_xlsx(rows, office))).active
    assert any(str(row[3].value).startswith("Ani Rahma") for row in sheet.iter_rows(min_row=3))
