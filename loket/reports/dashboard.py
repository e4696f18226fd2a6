"""The head of office's dashboard: one small aggregate query per figure."""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.complaints.models import Complaint, ComplaintRollup
from loket.core.roles import role_label
from loket.permits.models import HandoverRollup, IssueRollup, Task
from loket.reports.supervision import step_names
from loket.standards.models import Service
from loket.surveys import ikm
from loket.surveys import queries as survey_queries

MONTHS = 12


def _months_back(today, count):
    year, month = today.year, today.month
    out = []
    for _month in range(count):
        out.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return out[::-1]


def open_files_by_step(office):
    now = timezone.now()
    rows = (
        Task.objects.filter(office=office, closed_at__isnull=True)
        .values("step_no", "role")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(due_at__lt=now)))
        .order_by("step_no")
    )
    names = step_names(office)
    return [
        {
            "no": r["step_no"],
            "name": names.get(r["step_no"], ""),
            "role": role_label(r["role"]),
            "open": r["n"],
            "late": r["late"],
        }
        for r in rows
    ]


def _issues(office, months):
    """The issue roll-up's rows of the window's months (see loket/permits/rollups.py)."""
    rows = IssueRollup.objects.filter(office=office, month__gte=months[0]).values_list(
        "month", "permits", "files", "minutes"
    )
    return {month: (permits, files, minutes) for month, permits, files, minutes in rows}


def permits_per_month(office, months, issues=None):
    issues = _issues(office, months) if issues is None else issues
    return [{"month": m, "n": issues.get(m, (0, 0, 0))[0]} for m in months]


def working_days_to_issue(office, months, minutes_per_day, issues=None):
    """Per month of issue: the mean working time from filing to the permit's number.

    It is the sum of the working minutes on the file's control card up to the
    numbering step, so time the file spent back with the applicant is not counted
    (the standard's clock restarts when the complete file is handed in). The permits
    app keeps the sum and the files per month of numbering (`IssueRollup`)."""
    issues = _issues(office, months) if issues is None else issues
    out = []
    for m in months:
        _permits, files, minutes = issues.get(m, (0, 0, 0))
        out.append(
            {
                "month": m,
                "files": files,
                "days": round(minutes / files / minutes_per_day, 2) if files else None,
            }
        )
    return out


def complaints_summary(office, now=None):
    """Open complaints by weight (the register's names, "Berat"; heaviest first) and how
    many of them are past their deadline.

    The open figure is read from the complaint roll-up (loket/complaints/rollups.py):
    per month received, the complaints less those closed, summed over the months that
    still hold an open one. A complaint's month is recounted in the transaction of every
    write to it (weighed, closed), so this equals the live count. Past the deadline
    depends on the hour the page is read, so that one is counted live, as the monthly
    report counts it, over the partial index of open complaints."""
    now = now or timezone.now()
    still_open = dict(
        ComplaintRollup.objects.filter(office=office, n__gt=F("closed"))
        .values("weight")
        .annotate(open=Sum(F("n") - F("closed")))
        .values_list("weight", "open")
        .order_by()
    )
    overdue = dict(
        Complaint.objects.filter(office=office, closed_at__isnull=True, due_at__lt=now)
        .values("weight")
        .annotate(n=Count("pk"))
        .values_list("weight", "n")
        .order_by()
    )
    labels = dict(Complaint._meta.get_field("weight").flatchoices)
    order = list(reversed(list(labels)))
    rows = [
        {
            "weight": weight or "",
            "label": labels.get(weight) or _("Belum ditimbang"),
            "open": n,
            "overdue": overdue.get(weight, 0),
        }
        for weight, n in still_open.items()
    ]
    return sorted(
        rows, key=lambda r: order.index(r["weight"]) if r["weight"] in order else len(order)
    )


def staffing(office):
    """Each service's staffing from its standard against officers holding each role."""
    User = get_user_model()
    held = dict(
        User.objects.filter(officer__office=office, is_active=True)
        .values_list("groups__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    out = []
    for service in Service.objects.filter(office=office, current__isnull=False).select_related(
        "current"
    ):
        data = service.current.data.get("staffing") or {}
        rows = []
        for item in data.get("roles", ()):
            have = held.get(item["role"], 0)
            rows.append(
                {
                    "role": role_label(item["role"]),
                    "code": item["role"],
                    "needed": item["count"],
                    "have": have,
                    "short": max(0, item["count"] - have),
                }
            )
        out.append(
            {
                "service": service,
                "total": data.get("total"),
                "note": service.current.spec.staffing_note,
                "rows": rows,
                "short": sum(r["short"] for r in rows),
            }
        )
    return out


def ikm_trend(office):
    kind = survey_queries.period_kind(office)
    trend = survey_queries.ikm_trend(office, kind, 4)
    for point in trend:
        result = point["result"]
        point["ikm"] = ikm.round_ikm(result.ikm) if result.ikm is not None else None
    return trend


def on_time_share(office, since):
    """The share of hand-overs since `since` (a quarter's first day) done within the
    step's standard, in percent, or None without any: read from the supervision roll-up."""
    totals = HandoverRollup.objects.filter(office=office, quarter__gte=since).aggregate(
        n=Sum("n"), late=Sum("late")
    )
    if not totals["n"]:
        return None
    return round(100 * (totals["n"] - totals["late"]) / totals["n"], 1)


def headline(data, office):
    """The figures the head reads first: in process, late, on time, IKM, complaints."""
    today = timezone.localdate()
    latest = next((p for p in reversed(data["trend"]) if p["ikm"] is not None), None)
    return {
        "in_process": sum(r["open"] for r in data["open_by_step"]),
        "late": sum(r["late"] for r in data["open_by_step"]),
        "on_time": on_time_share(office, date(today.year, 1, 1)),
        "year": today.year,
        "ikm": latest["ikm"] if latest else None,
        "ikm_mutu": latest["result"].mutu if latest else "",
        "ikm_period": latest["period"].label if latest else "",
        "complaints": data["complaints"],
    }


def build(office):
    months = _months_back(timezone.localdate(), MONTHS)
    calendar = office.calendar()
    issues = _issues(office, months)
    service = (
        Service.objects.filter(office=office, current__isnull=False)
        .select_related("current")
        .order_by("pk")
        .first()
    )
    standard_days = service.current.spec.total_time.working_days if service else None
    data = {
        "open_by_step": open_files_by_step(office),
        "permits": permits_per_month(office, months, issues),
        "to_issue": working_days_to_issue(office, months, calendar.minutes_per_day(), issues),
        "standard_days": standard_days,
        "complaints": complaints_summary(office),
        "trend": ikm_trend(office),
    }
    data["headline"] = headline(data, office)
    return data
