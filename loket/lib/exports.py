"""Every figure of a report page as a table that exports to CSV or XLSX."""

import csv
import io
from dataclasses import dataclass, field

from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

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


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)


def add_sheet(workbook, figure, first=False):
    sheet = workbook.active if first else workbook.create_sheet()
    sheet.title = figure.slug[:31]
    sheet.append([figure.title])
    sheet.append([str(c) for c in figure.columns])
    for row in figure.rows:
        sheet.append([_cell(v) for v in row])
    if figure.note:
        sheet.append([])
        sheet.append([figure.note])
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
    workbook = Workbook()
    for i, figure in enumerate(figures):
        add_sheet(workbook, figure, first=i == 0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_text(figure):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c) for c in figure.columns])
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
