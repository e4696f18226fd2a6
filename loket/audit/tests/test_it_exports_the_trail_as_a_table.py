"""The audit trail's XLSX is a table: the time a real date in WIB, the sequence a
number, the header bold and frozen, a filter over every event, fitted columns."""

import datetime
import io
import zoneinfo

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from loket import audit
from loket.audit.models import AuditEvent
from loket.core.roles import SEKRETARIS
from loket.lib.exports import DATETIME_FORMAT
from loket.lib.tests.xlsx_checks import assert_table

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def test_it_writes_the_trail_as_a_filtered_table_with_real_times(client, office, officers):
    """Each event's time reads back as the local (Asia/Jakarta) time without a zone."""
    audit.record("test.first", actor=officers[SEKRETARIS], office=office)
    audit.record("test.second", actor=officers[SEKRETARIS], office=office)
    client.force_login(officers[SEKRETARIS])
    response = client.get(reverse("audit:trail"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert_table(sheet)
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:L{sheet.max_row}"
    assert sheet.max_row >= 3
    first = sheet["B2"]
    assert isinstance(first.value, datetime.datetime) and first.number_format == DATETIME_FORMAT
    seq = sheet["A2"].value
    at = timezone.localtime(AuditEvent.objects.get(seq=seq).at, JAKARTA).replace(tzinfo=None)
    assert first.value.replace(microsecond=0) == at.replace(microsecond=0)
    assert sheet["A2"].data_type == "n"
    assert sheet.column_dimensions["L"].width == 60  # a hash is 64 characters: capped
