"""Every figure of a report page as a table that exports to CSV or XLSX, the one rule
every spreadsheet or CSV writer of Loket applies to text (`as_text` / `text_row`), and
the one look of every XLSX table (`xlsx_value`, `format_table`): real dates and
numbers, a bold header that stays in view, a filter over the table, columns as wide
as what they hold."""

import csv
import datetime
import decimal
import functools
import io
import re
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from loket.lib.responses import download

# The control characters a spreadsheet cell cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE;
# kept here so that CSV and text exports do not import openpyxl: docs/bench.md, "Lean
# workers").
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


# How a workbook shows dates and times (the cell holds a real date; Excel and
# LibreOffice sort, filter and compute with it).
DATE_FORMAT = "dd-mm-yyyy"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"
# Column widths, in characters: fitted to the longest value, within these bounds.
MIN_WIDTH, MAX_WIDTH = 6, 60


@functools.cache
def bold():
    """The bold font of headers (openpyxl's, made on first use)."""
    from openpyxl.styles import Font

    return Font(bold=True)


def xlsx_value(value):
    """A value as a workbook cell holds it: a number stays a number, a date a date, an
    aware datetime the office's local time (Asia/Jakarta) without a zone (a workbook
    holds none), text goes through `as_text`, anything else is its text."""
    if value is None or isinstance(value, bool | int | float | decimal.Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            return timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date | str):
        return as_text(value)
    return as_text(str(value))


def xlsx_row(values):
    """`xlsx_value` on every value of a row, for `sheet.append`."""
    return [xlsx_value(value) for value in values]


def _cell(value):
    """A value of a figure's row, for a CSV or workbook cell (None is empty)."""
    return "" if value is None else xlsx_value(value)


def _shown_length(value):
    if isinstance(value, datetime.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(DATE_FORMAT)
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)


def format_dates(sheet):
    """Give every date and datetime cell of ``sheet`` its date number format."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, datetime.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT


def fit_columns(sheet, rows=None, skip_rows=0):
    """Set each column as wide as its longest value (within MIN_WIDTH..MAX_WIDTH).

    ``rows`` are the values when the sheet cannot be read back (a write-only sheet);
    the first ``skip_rows`` rows (a title above the table) do not count.
    """
    from openpyxl.utils import get_column_letter

    if rows is None:
        rows = sheet.iter_rows(min_row=skip_rows + 1, values_only=True)
    widths = {}
    for row in rows:
        for i, value in enumerate(row, 1):
            widths[i] = max(widths.get(i, 0), _shown_length(value))
    for i, width in widths.items():
        # Two characters of room for the filter button and the padding.
        shown = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(i)].width = shown


def format_table(sheet, header_row=1, columns=None, last_row=None):
    """The look of a table that starts at ``header_row`` (rows above it are a title):
    the header bold and frozen in view, a filter over the header and every row
    below it, dates as dates, columns fitted to their content."""
    from openpyxl.utils import get_column_letter

    columns = columns or sheet.max_column
    last_row = last_row or max(sheet.max_row, header_row)
    for cell in sheet[header_row][:columns]:
        cell.font = bold()
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1).coordinate
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{last_row}"
    format_dates(sheet)
    fit_columns(sheet, skip_rows=header_row - 1)


def add_sheet(workbook, figure, first=False):
    from openpyxl.chart import BarChart, Reference

    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = figure.slug[:31]
    sheet.append(text_row([figure.title]))
    sheet["A1"].font = bold()
    sheet.append(text_row([str(c) for c in figure.columns]))
    for row in figure.rows:
        sheet.append([_cell(v) for v in row])
    # The table is the header (row 2) and the rows; the title above it and the note
    # below it are outside the filter.
    format_table(sheet, header_row=2, columns=len(figure.columns), last_row=2 + len(figure.rows))
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
