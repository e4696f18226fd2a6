"""Reports at scale: each app function against its hand-written SQL (bench/sql.py).

`checks()` compares the figures; `scenarios()` times both, interleaved so a noisy
machine slows both alike. The app's reports read the roll-ups (counts kept with each
write); the SQL scans the rows, as the reports did before. Target: the app answers
a report in at most 0.1 s (REPORT_SECONDS) at any scale, with the SQL's figures; the
ratio app / SQL shows what the roll-ups save.
"""

import datetime
import statistics
import time

from django.utils import timezone

from bench import sql
from loket.complaints.monthly import month_summary
from loket.reports import dashboard
from loket.reports.supervision import supervision
from loket.surveys import periods
from loket.surveys.queries import ikm_for_period

REPORT_SECONDS = 0.1
REPORT_MONTH = 10  # a month of last year, the year the generated office filed in


def _close(a, b, tolerance):
    if a is None or b is None:
        return a is b
    return abs(float(a) - float(b)) <= tolerance


def _diff(name, app, ref, tolerance=1e-9):
    return [] if _close(app, ref, tolerance) else [f"{name}: app {app!r} != SQL {ref!r}"]


# --- the app's figures, shaped like the SQL's ------------------------------------------


def _ikm_figures(respondents, population, result):
    return {
        "respondents": respondents,
        "population": population,
        "ikm": result.ikm,
        "nrr": {e.code: e.nrr for e in result.elements if e.nrr is not None},
    }


def app_ikm(office, period):
    result = ikm_for_period(office, period)
    return _ikm_figures(result.respondents, result.population, result.result) | {
        "services": {
            s.service_id: _ikm_figures(s.respondents, s.population, s.result)
            for s in result.services
        }
    }


def app_supervision(office, period, officer_id=None):
    figures = supervision(office, period, officer_id=officer_id)

    def shape(f):
        return {
            "count": f.count,
            "late": f.late,
            "late_minutes": f.late_minutes,
            "mean": f.mean,
            "median": f.median,
            "p90": f.p90,
            "standard": f.standard,
        }

    return {
        "steps": {r["no"]: shape(r["figures"]) for r in figures["steps"]},
        "officers": {r["officer_id"]: shape(r["figures"]) for r in figures["officers"]},
        "officer_steps": {
            (r["officer_id"], r["no"]): shape(r["figures"]) for r in figures["officer_steps"]
        },
        "late_ids": [e.pk for e in figures["late_files"]],
    }


def app_monthly(office, year, month, now):
    # The report's figures; its list of the month's complaints is a list, like the
    # register, and is not part of an aggregate (docs/bench.md).
    figures = month_summary(office, year, month, now=now)
    out = {k: figures[k] for k in ("total", "closed", "overdue")}
    for key, counts in figures["counts"].items():
        out[f"by_{key}"] = counts
    out["avg_handling_days"] = figures["avg_handling_days"]
    out["max_handling_days"] = figures["max_handling_days"]
    return out


def app_dashboard(office, months):
    """The dashboard's permits per month and working days to issue (all of its figures
    that grow with the files; the rest count open files and open complaints)."""
    issues = dashboard.permits_per_month(office, months)
    minutes = dashboard.working_days_to_issue(office, months, 1)
    return {
        m["month"]: (m["n"], t["files"], t["days"]) for m, t in zip(issues, minutes, strict=True)
    }


def sql_dashboard(office, months):
    return {
        m: (n, files, round(minutes / files, 2) if files else None)
        for m, (n, files, minutes) in sql.dashboard_issues(office, months).items()
    }


def compare_dashboard(app, ref):
    return [f"{m}: app {app[m]} != SQL {ref.get(m)}" for m in app if app[m] != ref.get(m)]


def staff_supervision(office, period, officer_id):
    """The supervision SQL's figures of one officer (staff performance)."""
    ref = sql.supervision(office, period)
    return {
        "steps": {no: f for (oid, no), f in ref["officer_steps"].items() if oid == officer_id},
        "officers": {oid: f for oid, f in ref["officers"].items() if oid == officer_id},
        "officer_steps": {k: f for k, f in ref["officer_steps"].items() if k[0] == officer_id},
        "late_ids": None,
    }


def compare_staff(app, ref):
    # The staff page's figures per step are the officer's (officer_steps in the SQL),
    # and its late list is the officer's own (not in the SQL): counts only.
    app = dict(app, late_ids=None)
    return compare_supervision(app, ref)


# --- comparisons ---------------------------------------------------------------------


def compare_ikm(app, ref, where="office"):
    problems = _diff(f"{where} respondents", app["respondents"], ref["respondents"])
    problems += _diff(f"{where} population", app["population"], ref["population"])
    problems += _diff(f"{where} IKM", app["ikm"], ref["ikm"])
    for code in sorted(set(app["nrr"]) | set(ref["nrr"])):
        problems += _diff(f"{where} NRR {code}", app["nrr"].get(code), ref["nrr"].get(code))
    if where == "office":
        if set(app["services"]) != set(ref["services"]):
            return problems + [f"services: app {set(app['services'])} != SQL {ref['services']}"]
        for service, figures in app["services"].items():
            problems += compare_ikm(figures, ref["services"][service], f"service {service}")
    return problems


def compare_supervision(app, ref):
    problems = []
    for group in ("steps", "officers", "officer_steps"):
        if set(app[group]) != set(ref[group]):
            problems.append(f"{group}: app {sorted(app[group])} != SQL {sorted(ref[group])}")
            continue
        for key, figures in app[group].items():
            for name, value in figures.items():
                problems += _diff(f"{group} {key} {name}", value, ref[group][key][name])
    if app["late_ids"] != ref["late_ids"]:
        problems.append("late hand-overs differ")
    return problems


def compare_monthly(app, ref):
    problems = []
    for key in ("total", "closed", "overdue"):
        problems += _diff(key, app[key], ref[key])
    for key in ("by_weight", "by_channel", "by_type", "by_status"):
        a = {k: v for k, v in app[key].items() if v}
        b = {k: v for k, v in ref[key].items() if v}
        if a != b:
            problems.append(f"{key}: app {a} != SQL {b}")
    # The app rounds each complaint's days to 2 decimals before averaging.
    problems += _diff("avg days", app["avg_handling_days"], ref["avg_handling_days"], 0.011)
    problems += _diff("max days", app["max_handling_days"], ref["max_handling_days"], 0.006)
    return problems


def _busiest_officer(office, period):
    from django.db.models import Sum

    from loket.permits.models import HandoverRollup

    row = (
        HandoverRollup.objects.filter(
            office=office, quarter__gte=period.start, quarter__lt=period.end
        )
        .values_list("officer_key")
        .annotate(n=Sum("n"))
        .order_by("-n")
        .first()
    )
    return row[0] if row else None


def report_cases(office, year, now=None):
    """(name, app function, SQL function, comparison) of each report."""
    now = now or timezone.now()
    period = periods.Period(periods.YEARLY, year, 1)
    officer = _busiest_officer(office, period)
    months = [datetime.date(year, m, 1) for m in range(1, 13)]
    return [
        (
            "IKM for a year",
            lambda: app_ikm(office, period),
            lambda: sql.ikm(office, period),
            compare_ikm,
        ),
        (
            "supervision for a year",
            lambda: app_supervision(office, period),
            lambda: sql.supervision(office, period),
            compare_supervision,
        ),
        (
            "staff performance for a year (one officer)",
            lambda: app_supervision(office, period, officer),
            lambda: staff_supervision(office, period, officer),
            compare_staff,
        ),
        (
            "dashboard (permits and working days to issue, 12 months)",
            lambda: app_dashboard(office, months),
            lambda: sql_dashboard(office, months),
            compare_dashboard,
        ),
        (
            "monthly complaint report",
            lambda: app_monthly(office, year, REPORT_MONTH, now),
            lambda: sql.monthly(office, year, REPORT_MONTH, now),
            compare_monthly,
        ),
    ]


def checks(office, year, now=None):
    """{report: [differences]} between the app and the SQL; empty lists when equal."""
    return {
        name: compare(app(), ref()) for name, app, ref, compare in report_cases(office, year, now)
    }


def _timed(fn):
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def scenarios(office, year, database):
    """One result per report: median seconds of the app / of the SQL, interleaved
    (7 times each for a report under a second, whose timing is noisier, else 3)."""
    results = []
    now = timezone.now()
    for name, app, ref, compare in report_cases(office, year, now):
        started = time.perf_counter()
        problems = compare(app(), ref())  # also warms the caches for both
        status = "DIFFERENT: " + "; ".join(problems[:3]) if problems else "the same figures"
        print(f"  {name}: the app and the hand-written SQL give {status}", flush=True)
        repeat = 7 if time.perf_counter() - started < 2 else 3
        app_times, sql_times = [], []
        for _ in range(repeat):
            app_times.append(_timed(app))
            sql_times.append(_timed(ref))
        value, baseline = statistics.median(app_times), statistics.median(sql_times)
        ratio = value / baseline
        results.append(
            {
                "name": f"Report: {name}",
                "database": database,
                "value": round(value, 4),
                "baseline": round(baseline, 4),
                "unit": "s",
                "ratio": round(ratio, 3),
                "target": f"value <= {REPORT_SECONDS} s",
                "met": value <= REPORT_SECONDS and not problems,
                "notes": "; ".join(problems[:5])
                or "read from the roll-ups; same figures as the hand-written SQL over the "
                "rows (the baseline)",
            }
        )
    return results
