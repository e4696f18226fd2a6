"""The hand-written SQL each report is measured against.

Each function is what a developer would write in SQL to get a report's figures
straight from the tables: one aggregate statement (the supervision page also lists
its 50 latest late hand-overs, a second, small statement). `bench/reports.py` checks
that each returns the same numbers as the app's own function before timing both,
and the smoke test (bench/tests/test_smoke.py) checks it on a small generated office.

They read the same tables with the same filters as the app, so any index that
helps one helps the other; the ratio shows what the app's Python adds.
"""

from django.db import connection

from loket.complaints.models import CHANNELS, TYPES, WEIGHTS, Complaint
from loket.surveys.queries import bounds


def _dt(value):
    """A datetime as the backend stores it (SQLite: naive UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def _fetch(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --- IKM of a period ---------------------------------------------------------------

_ELEMENTS = range(1, 10)
_SUMS = ", ".join(f"SUM(u{i}) AS s{i}, COUNT(u{i}) AS c{i}" for i in _ELEMENTS)


def _nrr_ikm(total, count):
    nrr = ", ".join(f"SUM({total}{i}) * 1.0 / SUM({count}{i}) AS nrr{i}" for i in _ELEMENTS)
    ikm = " + ".join(f"SUM({total}{i}) * 1.0 / SUM({count}{i})" for i in _ELEMENTS)
    return f"{nrr}, ({ikm}) / 9 * 25 AS ikm"


# Per service and for the office (the row whose service_id is NULL), as the app
# reports them: NRR per element, IKM, respondents, and the population (files filed
# in the period) of each service.
IKM_SQL = (
    "WITH r AS (SELECT service_id, COUNT(*) AS n, " + _SUMS + " FROM surveys_surveyresponse "
    "WHERE office_id = %s AND submitted_at >= %s AND submitted_at < %s AND counted "
    "GROUP BY service_id), "
    "p AS (SELECT v.service_id, COUNT(*) AS n FROM permits_application a "
    "JOIN standards_standardversion v ON v.id = a.version_id "
    "WHERE a.office_id = %s AND a.filed_at >= %s AND a.filed_at < %s GROUP BY v.service_id) "
    "SELECT r.service_id, SUM(r.n) AS respondents, "
    + _nrr_ikm("r.s", "r.c")
    + ", MAX(p.n) AS population FROM r LEFT JOIN p ON p.service_id = r.service_id "
    "GROUP BY r.service_id "
    "UNION ALL SELECT NULL, SUM(n), " + _nrr_ikm("s", "c") + ", (SELECT SUM(n) FROM p) FROM r"
)


def ikm(office, period):
    """NRR per element, the converted IKM and respondents, per service and for the
    office, and the population (files filed in the period) of each.

    Written for services whose every element has answers (true of generated data);
    the app also handles unanswered elements and services with files but no answer.
    """
    start, end = (_dt(b) for b in bounds(period))
    rows = _fetch(IKM_SQL, [office.pk, start, end, office.pk, start, end])
    out = {"services": {}}
    for row in rows:
        figures = {
            "respondents": row["respondents"] or 0,
            "population": row["population"] or 0,
            "ikm": float(row["ikm"]) if row["ikm"] is not None else None,
            "nrr": {
                f"U{i}": float(row[f"nrr{i}"]) for i in _ELEMENTS if row[f"nrr{i}"] is not None
            },
        }
        if row["service_id"] is None:
            out.update(figures)
        else:
            out["services"][row["service_id"]] = figures
    return out


# --- supervision figures ------------------------------------------------------------

_HANDOVERS = (
    "SELECT e.step_no, e.officer_id, e.elapsed_minutes AS m, e.late_minutes AS late, "
    "e.standard_minutes AS std "
    "FROM permits_controlcardentry e JOIN permits_application a ON a.id = e.application_id "
    "WHERE a.office_id = %s AND e.event = 'handed_over' AND e.at >= %s AND e.at < %s "
    "AND e.elapsed_minutes IS NOT NULL"
)
# One statement, the app's own method done in SQL: a histogram of working minutes
# per (step, officer) is small whatever the number of hand-overs; each group's
# histogram gives its count, mean, and, from running totals, its median (the mean of
# the values ranked (n+1)/2 and (n+2)/2, integer division: one value when n is odd)
# and its 90th percentile by nearest rank (rank ceil(0.9 n) = (9n+9)/10).
_SUM = "SUM(k) AS k, SUM(late_n) AS late_n, SUM(late_sum) AS late_sum, MAX(std) AS std"
SUPERVISION_SQL = (
    f"WITH h AS ({_HANDOVERS}), "
    "hist AS (SELECT step_no, officer_id, m, COUNT(*) AS k, "
    "SUM(CASE WHEN late > 0 THEN 1 ELSE 0 END) AS late_n, "
    "SUM(CASE WHEN late > 0 THEN late ELSE 0 END) AS late_sum, MAX(std) AS std "
    "FROM h GROUP BY step_no, officer_id, m), "
    f"g AS (SELECT 's' AS kind, step_no, NULL AS officer_id, m, {_SUM} FROM hist "
    "GROUP BY step_no, m "
    f"UNION ALL SELECT 'o', NULL, officer_id, m, {_SUM} FROM hist GROUP BY officer_id, m "
    "UNION ALL SELECT 'os', step_no, officer_id, m, k, late_n, late_sum, std FROM hist), "
    # Cast: PostgreSQL sums integers as numeric, and (n + 1) / 2 must divide as integers.
    "c AS (SELECT g.*, CAST(SUM(k) OVER (PARTITION BY kind, step_no, officer_id ORDER BY m "
    "ROWS UNBOUNDED PRECEDING) AS bigint) AS cum, "
    "CAST(SUM(k) OVER (PARTITION BY kind, step_no, officer_id) AS bigint) AS n FROM g) "
    "SELECT kind, step_no, officer_id, SUM(k) AS n, SUM(late_n) AS late, "
    "SUM(late_sum) AS late_minutes, SUM(m * k) * 1.0 / SUM(k) AS mean, MAX(std) AS standard, "
    "(MIN(CASE WHEN cum >= (n + 1) / 2 THEN m END) "
    "+ MIN(CASE WHEN cum >= (n + 2) / 2 THEN m END)) / 2.0 AS median, "
    "MIN(CASE WHEN cum >= (9 * n + 9) / 10 THEN m END) AS p90 "
    "FROM c GROUP BY kind, step_no, officer_id"
)
LATE_SQL = (
    "SELECT e.id FROM permits_controlcardentry e "
    "JOIN permits_application a ON a.id = e.application_id "
    "WHERE a.office_id = %s AND e.event = 'handed_over' AND e.at >= %s AND e.at < %s "
    "AND e.elapsed_minutes IS NOT NULL AND e.late_minutes > 0 "
    "ORDER BY e.late_minutes DESC, e.id LIMIT %s"
)


def supervision(office, period, late_limit=50):
    """Per step, per officer and per (officer, step): count, late count, minutes late,
    mean, median, 90th percentile and standard; and the latest late hand-overs."""
    start, end = (_dt(b) for b in bounds(period))
    groups = {"s": {}, "o": {}, "os": {}}
    for row in _fetch(SUPERVISION_SQL, [office.pk, start, end]):
        key = {"s": row["step_no"], "o": row["officer_id"]}.get(
            row["kind"], (row["officer_id"], row["step_no"])
        )
        groups[row["kind"]][key] = {
            "count": row["n"],
            "late": row["late"],
            "late_minutes": row["late_minutes"],
            "mean": float(row["mean"]),
            "median": float(row["median"]),
            "p90": row["p90"],
            "standard": row["standard"],
        }
    late = [r["id"] for r in _fetch(LATE_SQL, [office.pk, start, end, late_limit])]
    return {"steps": groups["s"], "officers": groups["o"], "officer_steps": groups["os"]} | {
        "late_ids": late
    }


# --- monthly complaint report -------------------------------------------------------


def _counts(column, codes):
    return [
        f"SUM(CASE WHEN c.{column} = %s THEN 1 ELSE 0 END) AS {column}__{code or 'none'}"
        for code in codes
    ], list(codes)


def monthly_sql():
    parts, params = [], []
    for column, choices in (
        ("weight", [*WEIGHTS, ("", "")]),
        ("channel", CHANNELS),
        ("type", TYPES),
        ("status", Complaint.STATUSES),
    ):
        sql, values = _counts(column, [code for code, _label in choices])
        parts += sql
        params += values
    return (
        "SELECT COUNT(*) AS total, "
        + ", ".join(parts)
        + ", SUM(CASE WHEN c.closed_at IS NOT NULL THEN 1 ELSE 0 END) AS closed"
        ", SUM(CASE WHEN COALESCE(c.closed_at, %s) > c.due_at THEN 1 ELSE 0 END) AS overdue"
        # The register's closing line holds the working minutes from receipt to
        # closing, computed on the office calendar when the complaint was closed.
        ", AVG(r.handling_minutes * 1.0) AS avg_minutes, MAX(r.handling_minutes) AS max_minutes"
        " FROM complaints_complaint c LEFT JOIN complaints_registerentry r"
        " ON r.complaint_id = c.id AND r.reason = 'selesai'"
        " WHERE c.office_id = %s AND c.received_at >= %s AND c.received_at < %s",
        params,
    )


def monthly(office, year, month, now):
    """The counts of the monthly complaint report, overdue, and handling days."""
    from loket.complaints.monthly import month_bounds

    start, end = (_dt(b) for b in month_bounds(year, month))
    sql, params = monthly_sql()
    row = _fetch(sql, [*params, _dt(now), office.pk, start, end])[0]
    per_day = office.calendar().minutes_per_day()
    out = {"total": row["total"], "closed": row["closed"] or 0, "overdue": row["overdue"] or 0}
    for key, value in row.items():
        if "__" in key:
            column, code = key.split("__")
            out.setdefault(f"by_{column}", {})[code if code != "none" else ""] = value or 0
    out["avg_handling_days"] = (
        float(row["avg_minutes"]) / per_day if row["avg_minutes"] is not None else None
    )
    out["max_handling_days"] = (
        row["max_minutes"] / per_day if row["max_minutes"] is not None else None
    )
    return out


# --- the dashboard's permits per month and working days to issue ----------------------


def dashboard_issues(office, months):
    """Per month of the window: permits numbered, and the files among them with
    hand-overs up to the number and those hand-overs' working minutes, straight from
    the permits and the control cards (what the dashboard read before its roll-up).
    Months are the office's (Asia/Jakarta, UTC+7, no daylight saving)."""
    from datetime import datetime, time

    from django.db.models import Count, F, Sum
    from django.db.models.functions import TruncMonth
    from django.utils import timezone

    from loket.permits.models import ControlCardEntry, Permit

    start = timezone.make_aware(datetime.combine(months[0], time.min))
    out = {m: [0, 0, 0] for m in months}
    for month, n in (
        Permit.objects.filter(office=office, numbered_at__gte=start)
        .annotate(month=TruncMonth("numbered_at"))
        .values_list("month")
        .annotate(n=Count("*"))
        .order_by()
    ):
        out.setdefault(month.date(), [0, 0, 0])[0] = n
    for month, minutes, files in (
        ControlCardEntry.objects.filter(
            application__office=office,
            event=ControlCardEntry.HANDED_OVER,
            application__permit__numbered_at__gte=start,
            at__lte=F("application__permit__numbered_at"),
        )
        .annotate(month=TruncMonth("application__permit__numbered_at"))
        .values_list("month")
        .annotate(minutes=Sum("elapsed_minutes"), files=Count("application", distinct=True))
        .order_by()
    ):
        row = out.setdefault(month.date(), [0, 0, 0])
        row[1], row[2] = files, minutes or 0
    return {m: tuple(v) for m, v in out.items() if m in months}
