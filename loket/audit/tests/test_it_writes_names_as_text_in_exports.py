"""The audit export writes names as text: an officer called "=cmd|..." is not a formula."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from loket import audit
from loket.core.roles import SEKRETARIS
from loket.lib.tests.hostile.strings import FORMULAS

URL = reverse("audit:trail")


def test_it_writes_an_actor_named_like_a_formula_as_text(client, office, officers):
    """In CSV no cell starts with a formula character; in XLSX no cell is a formula."""
    actor = officers[SEKRETARIS]
    actor.first_name, actor.last_name = FORMULAS["formula_equals"], ""
    actor.save(update_fields=["first_name", "last_name"])
    audit.record("test.hostile_name", actor=actor, office=office)
    client.force_login(officers[SEKRETARIS])

    text = b"".join(client.get(URL, {"format": "csv"}).streaming_content).decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + FORMULAS["formula_equals"] in cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]

    book = load_workbook(io.BytesIO(client.get(URL, {"format": "xlsx"}).content))
    values = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in values if c.data_type == "f"]
    assert "'" + FORMULAS["formula_equals"] in [c.value for c in values]
