"""Every figure of a report page as a table that exports to CSV or XLSX, and the one rule
every spreadsheet or CSV writer of Loket applies to text: `as_text` / `text_row`."""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from django.utils import timezone

# The control characters a spreadsheet cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE;
# kept here so that CSV and text exports do not import openpyxl).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Figure:
    """One figure: a slug (for its export URL), a title, a header and rows."""

    slug: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    chart: str = ""  # SVG data URI, if the figure is drawn
    chart_column: int | None = None  # 1-based column charted in the XLSX export
    note: str = ""


# A spreadsheet reads a cell that starts with one of these as a formula (tab and CR are
# dropped by some programs before they look at the next character), so a citizen's
# "=HYPERLINK(...)" or "@SUM(...)" in a complaint would run on an officer's machine.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(value):
    """A cell value that a spreadsheet shows as the text it is.

    Text that starts like a formula gets a leading apostrophe (OWASP's advice for CSV
    injection; in XLSX it shows, in CSV Excel hides it). Control characters that XML
    cannot hold are dropped and lone surrogates replaced, so one stray byte in a
    complaint cannot make the whole export fail. Numbers, dates and None are returned as
    they are, so they stay numbers and real dates.
    """
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    value = value.encode("utf-8", "replace").decode("utf-8")
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def text_row(values):
    """`as_text` on every value of a row, for `sheet.append` and `csv.writer.writerow`."""
    return [as_text(value) for value in values]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        # A workbook holds no time zone: the office's local time, as on the page.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, int | float | str | datetime.date):
        return as_text(value)
    return as_text(str(value))


def add_sheet(workbook, figure, first=False):
    from openpyxl.chart import BarChart, Reference

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = figure.slug[:31]
    sheet.append(text_row([figure.title]))
    sheet.append(text_row([str(c) for c in figure.columns]))
    for row in figure.rows:
        sheet.append([_cell(v) for v in row])
    if figure.note:
        sheet.append([])
        sheet.append(text_row([figure.note]))
    if figure.chart_column and figure.rows:
        chart = BarChart()
        chart.title = figure.title
        last = 2 + len(figure.rows)
        data = Reference(sheet, min_col=figure.chart_column, min_row=2, max_row=last)
        labels = Reference(sheet, min_col=1, min_row=3, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(labels)
        sheet.add_chart(chart, f"{chr(ord('A') + len(figure.columns) + 1)}2")
    return sheet


def xlsx_bytes(figures):
    from openpyxl import Workbook

    workbook = Workbook()
    for i, figure in enumerate(figures):
        add_sheet(workbook, figure, first=i == 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(figure):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(text_row([str(c) for c in figure.columns]))
    for row in figure.rows:
        writer.writerow([_cell(v) for v in row])
    return buffer.getvalue()


def download(data, filename, content_type):
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def export_response(figures, slug, fmt, prefix):
    """The figure named `slug` (or all of them for slug "semua") as CSV or XLSX."""
    chosen = figures if slug == "semua" else [f for f in figures if f.slug == slug]
    if not chosen or fmt not in ("csv", "xlsx") or (fmt == "csv" and len(chosen) != 1):
        raise Http404
    if fmt == "csv":
        return download(
            "\ufeff" + csv_text(chosen[0]), f"{prefix}-{slug}.csv", "text/csv; charset=utf-8"
        )
    return download(xlsx_bytes(chosen), f"{prefix}-{slug}.xlsx", XLSX)
