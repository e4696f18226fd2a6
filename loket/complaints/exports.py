"""Printable and downloadable documents: register, monthly report, reply letter."""

import base64
import io

from django.utils import timezone

from loket.complaints.monthly import CHART_SECTIONS, bar_chart_svg
from loket.lib.exports import text_row
from loket.lib.pdf import render_pdf

REGISTER_HEADERS = [
    "No",
    "Nomor tiket",
    "Tanggal pengaduan",
    "Identitas pengadu",
    "Jenis pengaduan",
    "Bobot",
    "Saluran",
    "Status",
    "Lama penanganan (hari kerja)",
    "Keterangan catatan",
]


def _save(wb):
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def register_xlsx(rows, office):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Buku Pengaduan"
    ws.append([f"Buku Pengaduan — {office.name}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(REGISTER_HEADERS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for i, r in enumerate(rows, 1):
        ws.append(
            text_row(
                [
                    i,
                    r["ticket"],
                    r["date"],
                    r["identity"],
                    r["type"],
                    r["weight"],
                    r["channel"],
                    r["status"],
                    r["handling_days"],
                    r["reason"],
                ]
            )
        )
        ws.cell(row=ws.max_row, column=3).number_format = "DD-MM-YYYY"
    for col, width in zip("ABCDEFGHIJ", (5, 16, 14, 36, 26, 10, 22, 30, 14, 18), strict=True):
        ws.column_dimensions[col].width = width
    return _save(wb)


def register_pdf(rows, office, filters):
    return render_pdf(
        "complaints/pdf/register.html",
        {"rows": rows, "office": office, "filters": filters, "printed_at": timezone.now()},
    )


def _svg_uri(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def report_pdf(version):
    data = version.data
    charts = [_svg_uri(bar_chart_svg(title, data[key])) for key, title in CHART_SECTIONS]
    return render_pdf(
        "complaints/pdf/report.html",
        {"version": version, "report": version.report, "data": data, "charts": charts},
    )


def report_xlsx(version):
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    data = version.data
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.append(text_row([f"Laporan Pengaduan Pelayanan Publik — {data['month_name']}"]))
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(text_row([data["office"]]))
    ws.append([f"Versi {version.number}"])
    ws.append(["Jumlah pengaduan", data["total"]])
    ws.append(["Selesai", data["closed"]])
    ws.append(["Rata-rata lama penanganan (hari kerja)", data["avg_handling_days"]])
    ws.append(text_row(["Terlama (hari kerja)", data["max_handling_days"], data["longest_ticket"]]))
    ws.append(
        text_row(["Melewati batas waktu", data["overdue"], ", ".join(data["overdue_tickets"])])
    )
    anchor_col = "E"
    anchor_row = 1
    for key, title in CHART_SECTIONS:
        ws.append([])
        ws.append([title])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        first = ws.max_row + 1
        for row in data[key]:
            ws.append(text_row([row["label"], row["count"]]))
        last = ws.max_row
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.legend = None
        chart.add_data(
            Reference(ws, min_col=2, min_row=first, max_row=last), titles_from_data=False
        )
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.height, chart.width = 6, 12
        ws.add_chart(chart, f"{anchor_col}{anchor_row}")
        anchor_row += 13
    ws.column_dimensions["A"].width = 40
    lst = wb.create_sheet("Daftar pengaduan")
    lst.append(
        [
            "Nomor tiket",
            "Tanggal",
            "Identitas",
            "Jenis",
            "Bobot",
            "Saluran",
            "Status",
            "Lama penanganan (hari kerja)",
            "Terlambat",
        ]
    )
    for r in data["rows"]:
        lst.append(
            text_row(
                [
                    r["ticket"],
                    r["date"],
                    r["identity"],
                    r["type"],
                    r["weight"],
                    r["channel"],
                    r["status"],
                    r["handling_days"],
                    "ya" if r["late"] else "tidak",
                ]
            )
        )
    return _save(wb)


def reply_letter_pdf(complaint):
    return render_pdf(
        "complaints/pdf/reply_letter.html",
        {"complaint": complaint, "office": complaint.office, "today": timezone.localdate()},
    )
