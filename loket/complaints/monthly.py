"""The figures of a monthly complaint report, and its charts.

`month_figures` freezes a month into plain JSON (a report version keeps it as it was
when compiled). Confidential identities are left out: the report goes to the
Sekretaris and the Kepala Dinas, who are not handling officers.
"""

import calendar as pycalendar
import datetime
from collections import Counter
from html import escape

from django.db.models import F
from django.utils import timezone

from loket.complaints import rollups
from loket.complaints.access import HIDDEN
from loket.complaints.config import complaint_settings
from loket.complaints.models import CHANNELS, WEIGHTS, Complaint, ComplaintRollup
from loket.lib.workdays import WorkCalendar

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


def _month(office, year, month):
    start, end = month_bounds(year, month)
    return Complaint.objects.filter(office=office, received_at__gte=start, received_at__lt=end)


def _closing_line():
    return rollups.closing_line()


DIMENSIONS = rollups.DIMENSIONS


def month_summary(office, year, month, now=None):
    """The month's figures from the complaint roll-up (loket/complaints/rollups.py):
    counts per weight, channel, type and status (the codes that occur), closed,
    overdue, and the average and longest handling in working days.

    The roll-up holds a few dozen groups a month, summed here; the complaints still
    open past their deadline depend on `now`, and are counted live from the partial
    index of open complaints.
    """
    now = now or timezone.now()
    groups = ComplaintRollup.objects.filter(
        office=office, month=datetime.date(year, month, 1)
    ).values_list(*DIMENSIONS, "n", "closed", "closed_late", "timed", "minutes", "longest")
    counts = {dimension: Counter() for dimension in DIMENSIONS}
    total = closed = timed = minutes = 0
    overdue = _month(office, year, month).filter(closed_at__isnull=True, due_at__lt=now).count()
    longest = None
    for *codes, n, n_closed, n_late, n_timed, n_minutes, n_longest in groups:
        for dimension, code in zip(DIMENSIONS, codes, strict=True):
            counts[dimension][code] += n
        total += n
        closed += n_closed
        overdue += n_late
        timed += n_timed
        minutes += n_minutes or 0
        if n_longest is not None and (longest is None or n_longest > longest):
            longest = n_longest
    # Minutes per working day come from the office's hours; no calendar days needed.
    per_day = WorkCalendar(day_start=office.day_start, day_end=office.day_end).minutes_per_day()

    def days(value):
        return round(value / per_day, 2) if value is not None else None

    return {
        "total": total,
        "counts": {dimension: dict(found) for dimension, found in counts.items()},
        "closed": closed,
        "overdue": overdue,
        "avg_handling_days": days(minutes / timed) if timed else None,
        "max_handling_days": days(longest),
    }


def _rows(office, year, month, now, labels):
    """The month's complaints, one line each, as the report lists them."""
    cal = office.calendar()
    per_day = cal.minutes_per_day()
    complaints = (
        _month(office, year, month)
        .annotate(closing=_closing_line(), minutes=F("closing__handling_minutes"))
        .values_list(
            "ticket",
            "received_at",
            "confidential",
            "name",
            "type",
            "weight",
            "channel",
            "status",
            "closed_at",
            "due_at",
            "minutes",
        )
        .order_by("received_at", "pk")
    )
    rows = []
    for (
        ticket,
        received,
        confidential,
        name,
        kind,
        weight,
        channel,
        status,
        closed,
        due,
        minutes,
    ) in complaints.iterator(chunk_size=2000):
        if minutes is None:  # still open (or closed before lines kept the minutes)
            minutes = cal.minutes_between(received, closed or now)
        rows.append(
            {
                "ticket": ticket,
                "date": timezone.localtime(received).strftime("%d-%m-%Y"),
                "identity": HIDDEN if confidential else (name or "Tanpa identitas"),
                "type": labels["type"].get(kind, kind),
                "weight": labels["weight"].get(weight) or "Belum ditimbang",
                "channel": labels["channel"].get(channel, channel),
                "status": labels["status"].get(status, status),
                "handling_days": round(minutes / per_day, 2),
                "closed": closed is not None,
                "late": (closed or now) > due,
            }
        )
    return rows


def _counted(counts, choices, labels):
    """Every code of the choices (zero or not) in their order, then any other code that
    occurs (a type the standard no longer lists); no weight is "Belum ditimbang"."""
    codes = [code for code, _label in choices]
    codes += sorted(set(counts) - set(codes) - {""})
    rows = [{"code": c, "label": labels.get(c, c), "count": counts.get(c, 0)} for c in codes]
    if counts.get(""):
        rows.append({"code": "", "label": "Belum ditimbang", "count": counts[""]})
    return rows


def month_figures(office, year, month, now=None):
    """The whole report of a month: the summary, the charts' counts and every line."""
    now = now or timezone.now()
    config = complaint_settings(office)
    labels = config.labels()
    summary = month_summary(office, year, month, now)
    rows = _rows(office, year, month, now, labels)
    closed = [(r["handling_days"], r["ticket"]) for r in rows if r["closed"]]
    longest = max(closed) if closed else None
    counts = summary["counts"]

    choices = {
        "weight": WEIGHTS,
        "channel": CHANNELS,
        "type": config.types,
        "status": Complaint.STATUSES,
    }

    return {
        "office": office.name,
        "year": year,
        "month": month,
        "month_name": f"{MONTHS[month]} {year}",
        "total": summary["total"],
        **{
            f"by_{dimension}": _counted(counts[dimension], choices[dimension], labels[dimension])
            for dimension in DIMENSIONS
        },
        "closed": summary["closed"],
        "avg_handling_days": summary["avg_handling_days"],
        "max_handling_days": summary["max_handling_days"],
        "longest_ticket": longest[1] if longest else "",
        "overdue": summary["overdue"],
        "overdue_tickets": [r["ticket"] for r in rows if r["late"]],
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
