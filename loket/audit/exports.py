"""The audit trail as CSV (streamed) or XLSX, with every column the page shows."""

import csv
import io

from django.utils import timezone

from loket.audit.chain import canonical_json
from loket.lib.exports import DATETIME_FORMAT, bold, fit_columns, text_row, xlsx_row
from loket.lib.responses import download, streamed_download

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COLUMNS = [
    "seq",
    "waktu (WIB)",
    "pelaku",
    "id pengguna",
    "peran",
    "tindakan",
    "jenis objek",
    "id objek",
    "ringkasan",
    "alamat IP",
    "hash sebelumnya",
    "hash",
]


def _values(event):
    return [
        event.seq,
        event.at,
        event.actor_name,
        event.actor_id,
        event.role_names,
        event.action,
        event.object_type,
        event.object_id,
        canonical_json(event.summary),
        event.ip,
        event.prev_hash,
        event.hash,
    ]


def _row(event):
    """A CSV row: all text. The summary and names can hold text a stranger typed (a
    complaint's subject)."""
    values = _values(event)
    values[1] = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S")
    return text_row(["" if v is None else v for v in values])


class _Echo:
    def write(self, value):
        return value


def csv_response(events, filename):
    writer = csv.writer(_Echo())

    def rows():
        yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
        yield writer.writerow(COLUMNS)
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow(_row(event))

    return streamed_download(rows(), filename, "text/csv; charset=utf-8")


def xlsx_response(events, filename):
    """The trail as a workbook: the time a real date (WIB), numbers as numbers, the
    header bold and frozen, a filter over the table, columns fitted to their content.
    Written in write-only mode (a long trail), so the widths are measured first."""
    rows = [xlsx_row(_values(event)) for event in events.iterator(chunk_size=2000)]
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("jejak-audit")
    fit_columns(sheet, rows=[COLUMNS, *rows])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    sheet.append([_bold(sheet, name) for name in COLUMNS])
    for row in rows:
        row[1] = _datetime(sheet, row[1])
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return download(buffer.getvalue(), filename, XLSX)


def _bold(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.font = bold()
    return cell


def _datetime(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = DATETIME_FORMAT
    return cell
