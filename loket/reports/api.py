"""Reports API: the supervision figures and the dashboard's figures."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Query, Router, Schema, Status

from loket.apiclients.auth import callers
from loket.apiclients.scopes import REPORTS_READ
from loket.core.report_access import report_office
from loket.core.schemas import ErrorOut, error_responses
from loket.reports import dashboard, supervision
from loket.standards.models import Service
from loket.surveys import periods

router = Router(tags=["reports"])
READ = callers(REPORTS_READ)
# Bounded so a guessed id is a plain answer, never a database integer overflow.
Id = Query[int | None, {"ge": 1, "le": 2**63 - 1}]
Period = Query[str | None, {"max_length": 10, "pattern": r"^[^\x00]*$"}]


class Figures(Schema):
    count: int
    standard_minutes: float | None
    median_minutes: float | None
    p90_minutes: float | None
    mean_minutes: float | None
    on_time_share: float | None
    late: int
    late_minutes: float | None


class StepFigures(Figures):
    step: int
    name: str
    role: str


class OfficerFigures(Figures):
    officer: int | None
    name: str


class LateHandOver(Schema):
    reg_number: str
    step: int
    officer: str
    elapsed_minutes: float | None
    standard_minutes: float | None
    late_minutes: float | None


class SupervisionOut(Schema):
    period: str
    steps: list[StepFigures]
    officers: list[OfficerFigures]
    late: list[LateHandOver]


class OpenAtStep(Schema):
    no: int
    name: str
    role: str
    open: int
    late: int


class PermitsInMonth(Schema):
    month: str
    issued: int


class DaysToIssue(Schema):
    month: str
    files: int
    days: float | None


class OpenComplaints(Schema):
    weight: str
    open: int
    overdue: int


class IkmPoint(Schema):
    period: str
    respondents: int
    ikm: str | None
    mutu: str | None


class DashboardOut(Schema):
    open_by_step: list[OpenAtStep]
    permits_per_month: list[PermitsInMonth]
    working_days_to_issue: list[DaysToIssue]
    standard_days: int | None
    complaints: list[OpenComplaints] | None
    ikm_trend: list[IkmPoint]


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
    auth=READ,
    response={200: SupervisionOut, **error_responses(401, 403, 404, 422)},
    summary="Supervision figures",
    description="For a period (`2026`, `2026-S1`, `2026-Q1`; default this year), "
    "optionally one service or one officer: per SOP step and per officer, the count, "
    "median and 90th percentile of working minutes against the step's standard and the "
    "share on time; and the late hand-overs. The Sekretaris, the Kepala Dinas, the "
    "Kepala Bidang, or an API client with `reports:read`.",
)
def supervision_figures(request, period: Period = None, service: Id = None, officer: Id = None):
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
    auth=READ,
    response={200: DashboardOut, 401: ErrorOut, 403: ErrorOut},
    summary="Dashboard figures",
    description="The office's dashboard: open files per step (and late), permits issued "
    "per month, working days to issue against the standard, open complaints by weight, "
    "and the IKM of the last periods.",
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
            "open_by_step": [{**row, "role": str(row["role"])} for row in data["open_by_step"]],
            "permits_per_month": [
                {"month": m["month"].isoformat(), "issued": m["n"]} for m in data["permits"]
            ],
            "working_days_to_issue": [
                {"month": m["month"].isoformat(), "files": m["files"], "days": m["days"]}
                for m in data["to_issue"]
            ],
            "standard_days": data["standard_days"],
            "complaints": None
            if data["complaints"] is None
            else [
                {"weight": r["weight"] or "–", "open": r["open"], "overdue": r["overdue"]}
                for r in data["complaints"]
            ],
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
