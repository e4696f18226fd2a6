"""The audit trail as CSV (streamed) or XLSX, with every column the page shows."""

import csv
import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from loket.audit.chain import canonical_json
from loket.core.roles import role_label
from loket.lib.exports import text_row

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


def _row(event):
    # The summary and names can hold text a stranger typed (a complaint's subject).
    return text_row(
        [
            event.seq,
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
            event.actor_name,
            event.actor_id or "",
            ", ".join(str(role_label(r)) for r in event.role.split(",") if r),
            event.action,
            event.object_type,
            event.object_id,
            canonical_json(event.summary),
            event.ip or "",
            event.prev_hash,
            event.hash,
        ]
    )


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

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(events, filename):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("jejak-audit")
    sheet.append(COLUMNS)
    for event in events.iterator(chunk_size=2000):
        sheet.append(_row(event))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
