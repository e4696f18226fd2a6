"""The figures of a monthly complaint report, and its charts.

`month_figures` freezes a month into plain JSON (a report version keeps it as it was
when compiled). Confidential identities are left out: the report goes to the
Sekretaris and the Kepala Dinas, who are not handling officers.
"""

import calendar as pycalendar
import datetime
from collections import Counter
from html import escape

from django.utils import timezone

from loket.complaints.access import HIDDEN
from loket.complaints.config import complaint_settings
from loket.complaints.models import CHANNELS, WEIGHTS, Complaint

MONTHS = [
    "",
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def month_bounds(year, month):
    zone = timezone.get_current_timezone()
    start = datetime.datetime(year, month, 1, tzinfo=zone)
    last = pycalendar.monthrange(year, month)[1]
    end = datetime.datetime(year, month, last, tzinfo=zone) + datetime.timedelta(days=1)
    return start, end


def _counts(values, choices):
    counter = Counter(values)
    rows = [{"code": c, "label": str(label), "count": counter.get(c, 0)} for c, label in choices]
    if counter.get(""):
        rows.append({"code": "", "label": "Belum ditimbang", "count": counter[""]})
    return rows


def _types_seen(config, complaints):
    """The standard's types, then any older type a complaint of the month still has."""
    known = [code for code, _name in config.types]
    older = sorted({c.type for c in complaints} - set(known))
    return list(config.types) + [(code, config.type_label(code)) for code in older]


def month_figures(office, year, month, now=None):
    now = now or timezone.now()
    start, end = month_bounds(year, month)
    complaints = list(
        Complaint.objects.filter(
            office=office, received_at__gte=start, received_at__lt=end
        ).order_by("received_at", "pk")
    )
    cal = office.calendar()
    per_day = cal.minutes_per_day()
    config = complaint_settings(office)
    rows, durations, overdue = [], [], []
    for c in complaints:
        minutes = cal.minutes_between(c.received_at, c.closed_at or now)
        days = round(minutes / per_day, 2)
        late = (c.closed_at or now) > c.due_at
        if c.closed_at:
            durations.append((days, c.ticket))
        if late:
            overdue.append(c.ticket)
        rows.append(
            {
                "ticket": c.ticket,
                "date": timezone.localtime(c.received_at).strftime("%d-%m-%Y"),
                "identity": HIDDEN if c.confidential else (c.name or "Tanpa identitas"),
                "type": str(config.type_label(c.type)),
                "weight": c.get_weight_display() or "Belum ditimbang",
                "channel": c.get_channel_display(),
                "status": c.get_status_display(),
                "handling_days": days,
                "closed": c.closed_at is not None,
                "late": late,
            }
        )
    longest = max(durations) if durations else None
    return {
        "office": office.name,
        "year": year,
        "month": month,
        "month_name": f"{MONTHS[month]} {year}",
        "total": len(complaints),
        "by_weight": _counts([c.weight for c in complaints], WEIGHTS),
        "by_channel": _counts([c.channel for c in complaints], CHANNELS),
        "by_type": _counts([c.type for c in complaints], _types_seen(config, complaints)),
        "by_status": _counts([c.status for c in complaints], Complaint.STATUSES),
        "closed": len(durations),
        "avg_handling_days": round(sum(d for d, _t in durations) / len(durations), 2)
        if durations
        else None,
        "max_handling_days": longest[0] if longest else None,
        "longest_ticket": longest[1] if longest else "",
        "overdue": len(overdue),
        "overdue_tickets": overdue,
        "rows": rows,
        "compiled_at": now.isoformat(),
    }


CHART_SECTIONS = [
    ("by_weight", "Menurut bobot"),
    ("by_channel", "Menurut saluran"),
    ("by_type", "Menurut jenis"),
    ("by_status", "Menurut status"),
]


def bar_chart_svg(title, rows, width=520):
    """A horizontal bar chart as SVG text, drawn here so the PDF needs nothing else."""
    bar_h, gap, label_w, top = 18, 6, 200, 28
    height = top + len(rows) * (bar_h + gap) + 10
    peak = max([r["count"] for r in rows] + [1])
    span = width - label_w - 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, row in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = round(span * row["count"] / peak)
        parts.append(f'<text x="0" y="{y + 13}">{escape(row["label"][:34])}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#0b5d8a"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 13}">{row["count"]}</text>')
    parts.append("</svg>")
    return "".join(parts)
