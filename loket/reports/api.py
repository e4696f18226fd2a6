"""Reports API: the supervision figures and the dashboard's figures."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Status
from ninja.security import django_auth

from loket.core.report_access import report_office
from loket.core.schemas import ErrorOut
from loket.reports import dashboard, supervision
from loket.standards.models import Service
from loket.surveys import periods

router = Router(tags=["reports"])


def _figures(f):
    return {
        "count": f.count,
        "standard_minutes": f.standard,
        "median_minutes": f.median,
        "p90_minutes": f.p90,
        "mean_minutes": round(f.mean, 2) if f.mean is not None else None,
        "on_time_share": round(f.on_time_share, 4) if f.on_time_share is not None else None,
        "late": f.late,
        "late_minutes": f.late_minutes,
    }


@router.get(
    "/supervision",
    auth=django_auth,
    response={200: dict, **{c: ErrorOut for c in (401, 403, 404, 422)}},
)
def supervision_figures(
    request, period: str | None = None, service: int | None = None, officer: int | None = None
):
    """Per step and per officer: count, median and 90th percentile of working minutes
    against the step's standard, share on time; and the late hand-overs."""
    try:
        office = report_office(request.user)
    except PermissionDenied:
        return Status(403, {"detail": "Tidak berwenang.", "errors": {}})
    try:
        the_period = periods.parse_period(period) if period else None
    except ValueError:
        return Status(
            404,
            {
                "detail": "Periode tidak dikenal.",
                "errors": {"period": "2026, 2026-S1, 2026-Q1"},
            },
        )

    the_period = the_period or periods.period_containing(timezone.localdate(), periods.YEARLY)
    chosen = None
    if service:
        chosen = Service.objects.filter(office=office, pk=service).first()
        if chosen is None:
            return Status(404, {"detail": "Layanan tidak ditemukan.", "errors": {}})
    data = supervision.supervision(office, the_period, chosen, officer)
    return Status(
        200,
        {
            "period": the_period.key,
            "steps": [
                {
                    "step": r["no"],
                    "name": r["name"],
                    "role": str(r["role"]),
                    **_figures(r["figures"]),
                }
                for r in data["steps"]
            ],
            "officers": [
                {"officer": r["officer_id"], "name": r["name"], **_figures(r["figures"])}
                for r in data["officers"]
            ],
            "late": [
                {
                    "reg_number": e.application.reg_number,
                    "step": e.step_no,
                    "officer": e.officer_name,
                    "elapsed_minutes": e.elapsed_minutes,
                    "standard_minutes": e.standard_minutes,
                    "late_minutes": e.late_minutes,
                }
                for e in data["late_files"]
            ],
        },
    )


@router.get(
    "/dashboard",
    auth=django_auth,
    response={200: dict, 401: ErrorOut, 403: ErrorOut},
)
def dashboard_figures(request):
    try:
        office = report_office(request.user)
    except PermissionDenied:
        return Status(403, {"detail": "Tidak berwenang.", "errors": {}})
    data = dashboard.build(office)
    return Status(
        200,
        {
            "open_by_step": data["open_by_step"],
            "permits_per_month": [
                {"month": m["month"].isoformat(), "issued": m["n"]} for m in data["permits"]
            ],
            "working_days_to_issue": [
                {"month": m["month"].isoformat(), "files": m["files"], "days": m["days"]}
                for m in data["to_issue"]
            ],
            "standard_days": data["standard_days"],
            "complaints": data["complaints"],
            "ikm_trend": [
                {
                    "period": p["period"].key,
                    "respondents": p["respondents"],
                    "ikm": str(p["ikm"]) if p["ikm"] is not None else None,
                    "mutu": p["result"].mutu,
                }
                for p in data["trend"]
            ],
        },
    )
