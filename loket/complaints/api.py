"""The complaints API under /api/v1/complaints/: the same actions as the HTML pages.

Request and response bodies are schemas, as in the permits API. Callers: the session
(with its CSRF check), or an API client with `complaints:read` (reading) or
`complaints:write` (recording, weighing, answering, delivering, monthly reports).
Filing over the internet and tracking are public and rate-limited. Open311 GeoReport
v2 lives under /open311/ (see open311.py).
"""

import base64
import datetime as dt
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.utils import check_csrf
from pydantic import ConfigDict

from loket.apiclients.auth import callers, optional_client
from loket.apiclients.scopes import COMPLAINTS_READ, COMPLAINTS_WRITE
from loket.complaints import actions, open311, queries
from loket.complaints.access import identity_of, visible_complaints
from loket.complaints.config import complaint_settings
from loket.complaints.forms import RegisterFilterForm
from loket.complaints.models import CHANNELS, INTERNET, WEIGHTS, MonthlyReport
from loket.complaints.views import REGISTER_ROLES, REPORT_ROLES
from loket.core.errors import ActionError, Invalid, NotAllowed
from loket.core.identity import first_office
from loket.core.roles import office_of, roles_of
from loket.core.schemas import (
    IsoDate,
    LocalTime,
    Page,
    PageNumber,
    PageQuery,
    error_responses,
    page_of,
)
from loket.lib import ratelimit
from loket.lib.pages import window

router = Router(tags=["complaints"])
router.add_router("/open311", open311.router)

READ = callers(COMPLAINTS_READ)
WRITE = callers(COMPLAINTS_WRITE)
PAGE_SIZE = 50

# The `int:` converter matches only digits; bounded so a guess is a 404, not an overflow.
Id = Annotated[int, Path(ge=0, le=2**63 - 1)]
NO_NUL = r"^[^\x00]*$"
Channel = Literal[tuple(code for code, _label in CHANNELS)]
Ticket = Query[str, {"min_length": 1, "max_length": 40, "pattern": NO_NUL}]
TrackingCode = Query[str, {"min_length": 1, "max_length": 12, "pattern": NO_NUL}]
Weight = Literal[tuple(code for code, _label in WEIGHTS)]


def Text(max_length, default="", **kwargs):  # noqa: N802 - reads as a type in a schema
    return Field(default, max_length=max_length, pattern=NO_NUL, **kwargs)


class NotFound(ActionError):
    status = 404

    def __init__(self):
        super().__init__(_("Tidak ditemukan."))


# --- schemas ------------------------------------------------------------------------


class AttachmentIn(Schema):
    name: str = Text(200, "lampiran", examples=["foto-antrean.jpg"])
    data_base64: str = Field(
        max_length=14_000_000, description="The file, base64 (JPEG, PNG or PDF)."
    )


class ComplaintIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "channel": "internet",
                    "description": "Antrean di loket terlalu lama.",
                    "type": "waktu",
                    "name": "Budi",
                    "email": "budi@example.org",
                }
            ]
        }
    )

    description: str = Text(
        10_000, description="What happened.", examples=["Antrean di loket terlalu lama."]
    )
    channel: Channel = Field(
        INTERNET,
        description="`internet` for a member of the public; any other channel is "
        "recorded by the complaint desk (a session or an API client with "
        "`complaints:write`).",
    )
    type: str = Text(40, description="A complaint type of the office; empty: the default.")
    subject: str = Text(200)
    name: str = Text(200)
    address: str = Text(500)
    phone: str = Text(30)
    email: str = Text(254)
    fax: str = Text(30)
    confidential: bool = False
    reference: str = Text(80, description="A registration or permit number the complaint is about.")
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=10)


class PublicComplaintOut(Schema):
    id: int
    ticket: str = Field(examples=["ADU-2026-000123"])
    status: str
    status_label: str
    channel: str
    weight: str
    received_at: LocalTime
    due_at: LocalTime
    late: bool
    answer: str
    answered_at: LocalTime | None
    delivered_at: LocalTime | None
    closed_at: LocalTime | None


class FiledComplaintOut(PublicComplaintOut):
    tracking_code: str = Field(description="Keep it: with the ticket it follows the complaint.")


class IdentityOut(Schema):
    name: str
    address: str
    phone: str
    email: str
    fax: str


class ComplaintOut(PublicComplaintOut):
    type: str
    subject: str
    description: str
    confidential: bool
    complainant: IdentityOut = Field(
        description="Hidden for a confidential complaint but to its handlers; numbers "
        "masked in lists."
    )
    reference: str
    application: str | None = Field(description="The linked file's registration number.")
    weight_reason: str
    decision: str
    delivery_method: str
    delivery_note: str


class CoordinationTaskOut(Schema):
    role: str
    opened_at: LocalTime
    due_at: LocalTime
    closed_at: LocalTime | None
    cancelled: bool
    note: str
    partner: str
    partner_name: str
    coordinated_on: dt.date | None


class ComplaintEventOut(Schema):
    kind: str
    at: LocalTime
    actor: str
    text: str


class ComplaintDetail(ComplaintOut):
    tasks: list[CoordinationTaskOut] | None = Field(
        description="Officers only: coordination tasks."
    )
    events: list[ComplaintEventOut] | None = Field(description="Officers only: the history.")


class WeighIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"weight": "ringan", "reason": "Keluhan layanan tanpa kerugian."}]
        }
    )

    weight: Weight
    reason: str = Text(2000, description="Why this weight.")


class CoordinateIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "note": "Dibahas dengan bidang pelayanan.",
                    "partner": "sekda",
                    "partner_name": "Sekretaris Daerah",
                    "coordinated_on": "2026-03-02",
                }
            ]
        }
    )

    note: str = Text(10_000, description="The result of the coordination.")
    role: str | None = Text(40, None, description="The task's role, when the caller has two.")
    partner: str = Text(30)
    partner_name: str = Text(200)
    coordinated_on: IsoDate | None = None


class AnswerIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"answer": "Loket tambahan dibuka mulai Senin."}]}
    )

    answer: str = Text(20_000)


class DeliveryIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"method": "email", "note": "Dikirim ke alamat pengadu."}]}
    )

    method: str = Text(30, description="How the answer reached the complainant.")
    note: str = Text(2000)


class RegisterRowOut(Schema):
    ticket: str
    complaint_id: int
    date: dt.date
    identity: str
    type: str
    weight: str
    channel: str
    status: str
    handling_days: float | None
    reason: str
    at: LocalTime


class RegisterFilter(Schema):
    page: PageNumber = 1
    date_from: IsoDate | None = None
    date_to: IsoDate | None = None
    weight: Weight | Literal[""] = ""
    channel: Channel | Literal[""] = ""
    type: str = Text(40)
    status: str = Text(20)
    history: bool = Field(False, description="Every line of the book, not only the latest.")


class ReviewOut(Schema):
    decision: str
    notes: str
    at: LocalTime


class VersionOut(Schema):
    number: int
    compiled_at: LocalTime
    note: str
    data: dict = Field(description="The month's figures as compiled.")
    reviews: list[ReviewOut]


class ReportOut(Schema):
    id: int
    year: int
    month: int
    status: str
    approved_at: LocalTime | None
    received_by_head_at: LocalTime | None
    versions: list[VersionOut]


class CompileIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"year": 2026, "month": 3, "note": ""}]}
    )

    year: int = Field(ge=2000, le=2100)
    month: int = Field(ge=1, le=12)
    note: str = Text(2000)


class ReportActionIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"decision": "approve", "notes": ""}]}
    )

    decision: str = Text(10, description="For `review`: `approve` or `return`.")
    notes: str = Text(2000)


# --- shaping ------------------------------------------------------------------------


def _public(c):
    return {
        "id": c.pk,
        "ticket": c.ticket,
        "status": c.status,
        "status_label": str(c.get_status_display()),
        "channel": c.channel,
        "weight": c.weight,
        "received_at": c.received_at,
        "due_at": c.due_at,
        "late": c.is_late,
        "answer": c.answer,
        "answered_at": c.answered_at,
        "delivered_at": c.delivered_at,
        "closed_at": c.closed_at,
    }


def _complaint(c, user, *, in_list=False):
    return {
        **_public(c),
        "type": c.type,
        "subject": c.subject,
        "description": c.description,
        "confidential": c.confidential,
        "complainant": identity_of(user, c, in_list=in_list),
        "reference": c.reference,
        "application": c.application.reg_number if c.application_id else None,
        "weight_reason": c.weight_reason,
        "decision": c.decision,
        "delivery_method": c.delivery_method,
        "delivery_note": c.delivery_note,
    }


def _detail(c, user):
    body = {**_complaint(c, user), "tasks": None, "events": None}
    if office_of(user) is not None:
        body["tasks"] = [
            {
                "role": t.role,
                "opened_at": t.opened_at,
                "due_at": t.due_at,
                "closed_at": t.closed_at,
                "cancelled": t.cancelled,
                "note": t.note,
                "partner": t.partner,
                "partner_name": t.partner_name,
                "coordinated_on": t.coordinated_on,
            }
            for t in c.tasks.all()
        ]
        body["events"] = [
            {"kind": e.kind, "at": e.at, "actor": e.actor_name, "text": e.text}
            for e in c.events.all()
        ]
    return body


def _uploads(items):
    uploads = []
    for item in items:
        try:
            data = base64.b64decode(item.data_base64, validate=True)
        except ValueError as exc:  # binascii.Error, or characters outside ASCII
            raise Invalid(
                _("Lampiran tidak valid."), {"attachments": _("data_base64 harus base64.")}
            ) from exc
        uploads.append(actions.Upload(name=item.name, data=data))
    return uploads


def _get(request, complaint_id):
    complaint = (
        visible_complaints(request.user)
        .select_related("application", "office")
        .filter(pk=complaint_id)
        .first()
    )
    if complaint is None:
        raise NotFound()
    return complaint


# --- filing and tracking ------------------------------------------------------------


@router.post(
    "/",
    response={201: FiledComplaintOut, **error_responses(401, 403, 409, 422, 429)},
    auth=None,
    openapi_extra={
        "security": [{}, {"SessionAuth": []}, {"ClientCredentials": ["complaints:write"]}]
    },
    summary="File a complaint",
    description="Anyone files a complaint over the internet (`channel: internet`, "
    "limited per address; a signed-in citizen then sees it listed). The complaint desk "
    "(a session with the CSRF token, or an API client with `complaints:write`) records "
    "one received by another channel. Answers the ticket and the tracking code.",
)
def file(request, payload: ComplaintIn):
    client = optional_client(request, COMPLAINTS_WRITE)
    channel = payload.channel
    if channel == INTERNET and client is None:
        if not ratelimit.allow(request, "complaint_file"):
            return ratelimit.too_many(request, "complaint_file")
        office = first_office()
    else:
        if client is None and check_csrf(request) is not None:
            # The operation is public, so the session's CSRF check is done here by hand.
            raise NotAllowed(_("Token CSRF tidak valid."))
        office = office_of(request.user)
        if office is None:
            raise NotAllowed(_("Pengaduan ini dicatat oleh petugas."))
        if client is not None and not ratelimit.allow(request, "complaint_file"):
            return ratelimit.too_many(request, "complaint_file")
    intake = actions.Intake(
        description=payload.description,
        type=payload.type,
        subject=payload.subject,
        name=payload.name,
        address=payload.address,
        phone=payload.phone,
        email=payload.email,
        fax=payload.fax,
        confidential=payload.confidential,
        reference=payload.reference,
        uploads=_uploads(payload.attachments),
    )
    by_public = channel == INTERNET and client is None
    complaint = actions.file_complaint(
        office,
        intake,
        channel=channel,
        by=None if by_public else request.user,
        # Only a citizen filing for themself owns the complaint (and sees it listed).
        user=request.user if by_public else None,
    )
    return Status(201, {**_public(complaint), "tracking_code": complaint.tracking_code})


@router.get(
    "/track",
    response={200: PublicComplaintOut, **error_responses(404, 422, 429)},
    auth=None,
    summary="Track a complaint (public)",
    description="With the ticket and the tracking code, anyone follows a complaint: its "
    "status, deadline and the answer. Limited per address.",
)
def track(
    request,
    ticket: Ticket,
    code: TrackingCode,
):
    if not ratelimit.allow(request, "complaint_track"):
        return ratelimit.too_many(request, "complaint_track")
    complaint = queries.track(ticket, code)
    if complaint is None:
        raise NotFound()
    return _public(complaint)


# --- officers -----------------------------------------------------------------------


@router.get(
    "/",
    response={200: Page[ComplaintOut], **error_responses(401, 403, 422)},
    auth=READ,
    summary="List complaints",
    description="The complaints the caller may see, newest first, 50 a page: a citizen's "
    "own; an officer's or an API client's, the office's. Phone numbers are masked.",
)
def list_complaints(request, page: PageQuery = 1):
    queryset = (
        visible_complaints(request.user)
        .select_related("application", "office")
        .order_by("-received_at", "-pk")
    )
    rows = window(queryset, page, PAGE_SIZE)
    return page_of(rows, [_complaint(c, request.user, in_list=True) for c in rows.object_list])


@router.get(
    "/register",
    response={200: Page[RegisterRowOut], **error_responses(401, 403, 404, 422)},
    auth=READ,
    summary="Read the complaint register (Buku Pengaduan)",
    description="The office's Buku Pengaduan, newest first, 50 lines a page, filtered as "
    "on the register page. The complaint desk, the Sekretaris, the Kepala Dinas and the "
    "Kepala Bidang, or an API client with `complaints:read`.",
)
def register(request, filters: Query[RegisterFilter]):
    office = office_of(request.user)
    if office is None or not roles_of(request.user) & REGISTER_ROLES:
        raise NotFound()
    data = filters.dict(exclude={"page"})
    form = RegisterFilterForm(
        {k: v for k, v in data.items() if v not in (None, "", False)},
        types=complaint_settings(office).types,
    )
    if not form.is_valid():
        raise Invalid(
            _("Periksa kembali isian yang ditandai."),
            {k: " ".join(v) for k, v in form.errors.items()},
        )
    cleaned = form.cleaned_data
    entries = queries.register_entries(office, cleaned, history=cleaned.get("history", False))
    rows = queries.register_page(entries, filters.page)
    return page_of(rows, queries.register_rows(rows.object_list, request.user, office))


@router.get(
    "/{int:complaint_id}",
    response={200: ComplaintDetail, **error_responses(401, 403, 404)},
    auth=READ,
    summary="Get one complaint",
    description="A complaint with its complainant (as the caller may see them) and, for "
    "officers and API clients, its coordination tasks and history.",
)
def detail(request, complaint_id: Id):
    return _detail(_get(request, complaint_id), request.user)


STEP_ERRORS = error_responses(401, 403, 404, 409, 422)


@router.post(
    "/{int:complaint_id}/weigh",
    response={200: ComplaintDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Weigh a complaint",
    description="The complaint desk sets (or changes) the weight: light, medium or "
    "heavy. The weight sets the deadline and who must coordinate.",
)
def weigh(request, complaint_id: Id, payload: WeighIn):
    complaint = actions.weigh(
        _get(request, complaint_id), request.user, payload.weight, payload.reason
    )
    return _detail(complaint, request.user)


@router.post(
    "/{int:complaint_id}/coordinate",
    response={200: ComplaintDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Record the coordination of a complaint",
    description="The Kepala Bidang or the Kepala Dinas records their part of the "
    "coordination of a medium or heavy complaint: the result and with whom.",
)
def coordinate(request, complaint_id: Id, payload: CoordinateIn):
    complaint = actions.coordinate(
        _get(request, complaint_id),
        request.user,
        payload.note,
        role=payload.role or None,
        partner=payload.partner,
        partner_name=payload.partner_name,
        coordinated_on=payload.coordinated_on,
    )
    return _detail(complaint, request.user)


@router.post(
    "/{int:complaint_id}/answer",
    response={200: ComplaintDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Answer a complaint",
    description="Records the answer; answers by email or web go out at once. The "
    "complaint desk, or the Kepala Dinas for a heavy complaint.",
)
def answer(request, complaint_id: Id, payload: AnswerIn):
    complaint = actions.answer(_get(request, complaint_id), request.user, payload.answer)
    return _detail(complaint, request.user)


@router.post(
    "/{int:complaint_id}/delivery",
    response={200: ComplaintDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Record the answer's delivery",
    description="Records how the answer reached the complainant; the complaint closes.",
)
def delivery(request, complaint_id: Id, payload: DeliveryIn):
    complaint = actions.record_delivery(
        _get(request, complaint_id), request.user, payload.method, payload.note
    )
    return _detail(complaint, request.user)


# --- monthly reports ----------------------------------------------------------------


def _report(report):
    return {
        "id": report.pk,
        "year": report.year,
        "month": report.month,
        "status": report.status,
        "approved_at": report.approved_at,
        "received_by_head_at": report.received_by_head_at,
        "versions": [
            {
                "number": v.number,
                "compiled_at": v.compiled_at,
                "note": v.note,
                "data": v.data,
                "reviews": [
                    {"decision": r.decision, "notes": r.notes, "at": r.at} for r in v.reviews.all()
                ],
            }
            for v in report.versions.prefetch_related("reviews")
        ],
    }


def _report_office(request):
    office = office_of(request.user)
    if office is None or not roles_of(request.user) & REPORT_ROLES:
        raise NotFound()
    return office


def _one_report(request, report_id):
    item = MonthlyReport.objects.filter(office=_report_office(request), pk=report_id).first()
    if item is None:
        raise NotFound()
    return item


@router.get(
    "/reports",
    response={200: Page[ReportOut], **error_responses(401, 403, 404, 422)},
    auth=READ,
    summary="List the monthly complaint reports",
    description="The office's monthly complaint reports with every version and review, "
    "newest first, 50 a page.",
)
def reports(request, page: PageQuery = 1):
    office = _report_office(request)
    rows = window(MonthlyReport.objects.filter(office=office), page, PAGE_SIZE)
    return page_of(rows, [_report(r) for r in rows.object_list])


@router.post(
    "/reports",
    response={201: ReportOut, **error_responses(401, 403, 404, 409, 422)},
    auth=WRITE,
    summary="Compile a monthly complaint report",
    description="The complaint desk compiles a month's report (again, as a new version, "
    "after it was returned).",
)
def compile_report(request, payload: CompileIn):
    office = _report_office(request)
    report = actions.compile_report(office, request.user, payload.year, payload.month, payload.note)
    return Status(201, _report(report))


@router.get(
    "/reports/{int:report_id}",
    response={200: ReportOut, **error_responses(401, 403, 404)},
    auth=READ,
    summary="Get one monthly complaint report",
    description="A monthly report with its versions, figures and reviews.",
)
def report(request, report_id: Id):
    return _report(_one_report(request, report_id))


@router.post(
    "/reports/{int:report_id}/{what}",
    response={200: ReportOut, **STEP_ERRORS},
    auth=WRITE,
    summary="Submit, review or receive a monthly complaint report",
    openapi_extra={
        "requestBody": {
            "content": {"application/json": {"example": {"decision": "approve", "notes": ""}}}
        }
    },
    description="`submit`: the complaint desk sends the report to the Sekretaris; "
    "`review`: the Sekretaris approves it or returns it (`decision`, `notes`); "
    "`receive`: the Kepala Dinas acknowledges the approved report.",
)
def report_action(
    request,
    report_id: Id,
    what: Literal["submit", "review", "receive"],
    payload: ReportActionIn | None = None,
):
    item = _one_report(request, report_id)
    payload = payload or ReportActionIn()
    if what == "submit":
        item = actions.submit_report(item, request.user)
    elif what == "review":
        item = actions.review_report(item, request.user, payload.decision, payload.notes)
    else:
        item = actions.acknowledge_report(item, request.user)
    return _report(item)
