"""Printable and downloadable documents: register, monthly report, reply letter."""

import base64
import datetime
import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from loket.accounts.models import Officer
from loket.complaints.monthly import CHART_SECTIONS, bar_chart_svg
from loket.core.roles import KEPALA_DINAS
from loket.lib.exports import fit_columns, format_dates, format_table, text_row, xlsx_row
from loket.lib.pdf import render_pdf, render_record_pdf

# The register follows the language of the request that downloads it; the monthly
# report below is a frozen, approved document of record, kept in Indonesian.
REGISTER_HEADERS = [
    pgettext_lazy("nomor urut", "No"),
    gettext_lazy("Nomor tiket"),
    gettext_lazy("Tanggal pengaduan"),
    gettext_lazy("Identitas pengadu"),
    gettext_lazy("Jenis pengaduan"),
    gettext_lazy("Bobot"),
    gettext_lazy("Saluran"),
    gettext_lazy("Status"),
    gettext_lazy("Lama penanganan (hari kerja)"),
    gettext_lazy("Keterangan catatan"),
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
    ws.title = _("Buku Pengaduan")
    ws.append([_("Buku Pengaduan — %(office)s") % {"office": office.name}])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([str(header) for header in REGISTER_HEADERS])
    for i, r in enumerate(rows, 1):
        ws.append(
            xlsx_row(
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
    format_table(ws, header_row=2)
    return _save(wb)


def register_pdf(rows, office, filters):
    return render_pdf(
        "complaints/pdf/register.html",
        {"rows": rows, "office": office, "filters": filters, "printed_at": timezone.now()},
    )


def _svg_uri(svg):
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def head_of_office(office):
    """Name, rank and NIP of the Kepala Dinas for a signature block: the active officer
    who holds the role; without one, the head named on the office record; without
    that, blanks (the block then has a line to sign and write the name on)."""
    officer = (
        Officer.objects.filter(office=office, user__groups__name=KEPALA_DINAS, user__is_active=True)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if officer is None:
        return {"name": office.head_name, "rank": office.head_rank, "nip": office.head_nip}
    name = officer.user.get_full_name() or officer.user.get_username()
    # The office record's rank and NIP are his only if it names the same person.
    same = name == office.head_name
    return {
        "name": name,
        "rank": officer.rank or (office.head_rank if same else ""),
        "nip": officer.nip or (office.head_nip if same else ""),
    }


def report_pdf(version):
    data = version.data
    report = version.report
    charts = [_svg_uri(bar_chart_svg(title, data[key])) for key, title in CHART_SECTIONS]
    approved = report.approved_at if report.status == report.APPROVED else None
    return render_record_pdf(
        "complaints/pdf/report.html",
        {
            "version": version,
            "report": report,
            "data": data,
            "charts": charts,
            "office": report.office,
            "head": head_of_office(report.office),
            "signed_on": timezone.localdate(approved) if approved else None,
        },
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
    format_dates(ws)
    fit_columns(ws, skip_rows=3)
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
            xlsx_row(
                [
                    r["ticket"],
                    _as_date(r["date"]),
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
    format_table(lst)
    return _save(wb)


def _as_date(text):
    """The report's stored date ("31-12-2026", as the PDF shows it) as a real date."""
    try:
        return datetime.datetime.strptime(text, "%d-%m-%Y").date()
    except (TypeError, ValueError):
        return text


def reply_letter_pdf(complaint):
    return render_record_pdf(
        "complaints/pdf/reply_letter.html",
        {"complaint": complaint, "office": complaint.office, "today": timezone.localdate()},
    )
