"""The complaints API under /api/v1/complaints/: the same actions as the HTML pages.

Officer calls use the session (with its CSRF check); filing and tracking are public
and rate-limited. Open311 GeoReport v2 lives under /open311/ (see open311.py).
"""

import base64
import binascii
import functools
import json
from typing import Annotated

from django.http import JsonResponse
from ninja import Path, Router
from ninja.security import django_auth
from ninja.utils import check_csrf

from loket.complaints import actions, open311, queries
from loket.complaints.access import identity_of, visible_complaints
from loket.complaints.config import complaint_settings
from loket.complaints.forms import RegisterFilterForm
from loket.complaints.models import INTERNET, MonthlyReport
from loket.complaints.views import REGISTER_ROLES, REPORT_ROLES, _public_office
from loket.core.errors import ActionError, Invalid
from loket.core.roles import office_of, roles_of
from loket.core.schemas import ErrorOut
from loket.lib import ratelimit

router = Router(tags=["complaints"])
router.add_router("/open311", open311.router)


def _error(exc):
    return JsonResponse({"detail": exc.message, "errors": exc.errors}, status=exc.status)


def handles_errors(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ActionError as exc:
            return _error(exc)

    return wrapper


# The `int:` converter matches only digits; saying so keeps the published schema honest.
Id = Annotated[int, Path(ge=0)]


def _documented(ok, *errors):
    # Handlers answer with JsonResponse, so these schemas document rather than validate.
    return {ok: dict, **{code: ErrorOut for code in errors}}


def _body(request):
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise Invalid("Badan permintaan harus JSON.") from exc
    if not isinstance(data, dict):
        raise Invalid("Badan permintaan harus objek JSON.")
    return data


def complaint_json(c, user, *, public=False, in_list=False):
    data = {
        "id": c.pk,
        "ticket": c.ticket,
        "status": c.status,
        "status_label": c.get_status_display(),
        "channel": c.channel,
        "weight": c.weight,
        "received_at": c.received_at.isoformat(),
        "due_at": c.due_at.isoformat(),
        "late": c.is_late,
        "answer": c.answer,
        "answered_at": c.answered_at.isoformat() if c.answered_at else None,
        "delivered_at": c.delivered_at.isoformat() if c.delivered_at else None,
        "closed_at": c.closed_at.isoformat() if c.closed_at else None,
    }
    if public:
        return data
    data.update(
        type=c.type,
        subject=c.subject,
        description=c.description,
        confidential=c.confidential,
        complainant=identity_of(user, c, in_list=in_list),
        reference=c.reference,
        application=c.application.reg_number if c.application_id else None,
        weight_reason=c.weight_reason,
        decision=c.decision,
        delivery_method=c.delivery_method,
        delivery_note=c.delivery_note,
    )
    return data


def _uploads(items):
    uploads = []
    for item in items or []:
        try:
            uploads.append(
                actions.Upload(
                    name=str(item.get("name", "lampiran")),
                    data=base64.b64decode(item.get("data_base64", ""), validate=True),
                )
            )
        except (binascii.Error, AttributeError) as exc:
            raise Invalid(
                "Lampiran tidak valid.", {"attachments": "data_base64 harus base64."}
            ) from exc
    return uploads


@router.post(
    "/",
    response=_documented(201, 403, 404, 409, 422, 429),
    auth=None,
    summary="File a complaint (public), or record one as an officer",
)
@handles_errors
def file(request):
    data = _body(request)
    channel = data.get("channel") or INTERNET
    officer_office = office_of(request.user)
    if channel == INTERNET:
        if not ratelimit.allow(request, "complaint_file"):
            return ratelimit.too_many(request, "complaint_file")
        office = _public_office()
    else:
        # The operation is public, so the session's CSRF check is done here by hand.
        refused = check_csrf(request)
        if refused is not None:
            return JsonResponse({"detail": "CSRF token tidak valid.", "errors": {}}, status=403)
        office = officer_office
        if office is None:
            return JsonResponse(
                {"detail": "Pengaduan ini dicatat oleh petugas.", "errors": {}}, status=403
            )
    intake = actions.Intake(
        description=str(data.get("description", "")),
        type=str(data.get("type", "")),
        subject=str(data.get("subject", "")),
        name=str(data.get("name", "")),
        address=str(data.get("address", "")),
        phone=str(data.get("phone", "")),
        email=str(data.get("email", "")),
        fax=str(data.get("fax", "")),
        confidential=bool(data.get("confidential", False)),
        reference=str(data.get("reference", "")),
        uploads=_uploads(data.get("attachments")),
    )
    complaint = actions.file_complaint(
        office,
        intake,
        channel=channel,
        by=request.user if channel != INTERNET else None,
        # Only a citizen filing for themself owns the complaint (and sees it listed).
        user=request.user if channel == INTERNET else None,
    )
    body = complaint_json(complaint, request.user, public=True)
    body["tracking_code"] = complaint.tracking_code
    return JsonResponse(body, status=201)


@router.get(
    "/track",
    response=_documented(200, 404, 422, 429),
    auth=None,
    summary="Follow a complaint by ticket and tracking code (public)",
)
def track(request, ticket: str, code: str):
    if not ratelimit.allow(request, "complaint_track"):
        return ratelimit.too_many(request, "complaint_track")
    complaint = queries.track(ticket, code)
    if complaint is None:
        return JsonResponse({"detail": "Pengaduan tidak ditemukan.", "errors": {}}, status=404)
    return JsonResponse(complaint_json(complaint, request.user, public=True))


@router.get(
    "/",
    response=_documented(200, 401, 403),
    auth=django_auth,
    summary="Complaints the caller may see",
)
def list_complaints(request):
    items = visible_complaints(request.user).select_related("application", "office")[:500]
    return JsonResponse({"items": [complaint_json(c, request.user, in_list=True) for c in items]})


def _get(request, complaint_id):
    complaint = (
        visible_complaints(request.user)
        .select_related("application", "office")
        .filter(pk=complaint_id)
        .first()
    )
    if complaint is None:
        raise _NotFound()
    return complaint


class _NotFound(ActionError):
    status = 404

    def __init__(self):
        super().__init__("Tidak ditemukan.")


@router.get("/{int:complaint_id}", response=_documented(200, 401, 403, 404), auth=django_auth)
@handles_errors
def detail(request, complaint_id: Id):
    complaint = _get(request, complaint_id)
    body = complaint_json(complaint, request.user)
    if office_of(request.user) is not None:
        body["tasks"] = [
            {
                "role": t.role,
                "opened_at": t.opened_at.isoformat(),
                "due_at": t.due_at.isoformat(),
                "closed_at": t.closed_at.isoformat() if t.closed_at else None,
                "cancelled": t.cancelled,
                "note": t.note,
                "partner": t.partner,
                "partner_name": t.partner_name,
                "coordinated_on": t.coordinated_on.isoformat() if t.coordinated_on else None,
            }
            for t in complaint.tasks.all()
        ]
        body["events"] = [
            {"kind": e.kind, "at": e.at.isoformat(), "actor": e.actor_name, "text": e.text}
            for e in complaint.events.all()
        ]
    return JsonResponse(body)


@router.post(
    "/{int:complaint_id}/weigh",
    response=_documented(200, 401, 403, 404, 409, 422),
    auth=django_auth,
)
@handles_errors
def weigh(request, complaint_id: Id):
    data = _body(request)
    complaint = actions.weigh(
        _get(request, complaint_id), request.user, data.get("weight"), data.get("reason")
    )
    return JsonResponse(complaint_json(complaint, request.user))


@router.post(
    "/{int:complaint_id}/coordinate",
    response=_documented(200, 401, 403, 404, 409, 422),
    auth=django_auth,
)
@handles_errors
def coordinate(request, complaint_id: Id):
    import datetime

    data = _body(request)
    on = data.get("coordinated_on")
    try:
        on = datetime.date.fromisoformat(on) if on else None
    except ValueError as exc:
        raise Invalid("Tanggal tidak valid.", {"coordinated_on": "Format YYYY-MM-DD."}) from exc
    complaint = actions.coordinate(
        _get(request, complaint_id),
        request.user,
        data.get("note", ""),
        role=data.get("role"),
        partner=data.get("partner", ""),
        partner_name=data.get("partner_name", ""),
        coordinated_on=on,
    )
    return JsonResponse(complaint_json(complaint, request.user))


@router.post(
    "/{int:complaint_id}/answer",
    response=_documented(200, 401, 403, 404, 409, 422),
    auth=django_auth,
)
@handles_errors
def answer(request, complaint_id: Id):
    data = _body(request)
    complaint = actions.answer(_get(request, complaint_id), request.user, data.get("answer", ""))
    return JsonResponse(complaint_json(complaint, request.user))


@router.post(
    "/{int:complaint_id}/delivery",
    response=_documented(200, 401, 403, 404, 409, 422),
    auth=django_auth,
)
@handles_errors
def delivery(request, complaint_id: Id):
    data = _body(request)
    complaint = actions.record_delivery(
        _get(request, complaint_id), request.user, data.get("method"), data.get("note")
    )
    return JsonResponse(complaint_json(complaint, request.user))


@router.get(
    "/register",
    response=_documented(200, 401, 403, 404, 422),
    auth=django_auth,
    summary="The Buku Pengaduan, newest first, a page (`page`, 50 lines) at a time; "
    "filters as the page",
)
def register(request):
    office = office_of(request.user)
    if office is None or not roles_of(request.user) & REGISTER_ROLES:
        return JsonResponse({"detail": "Tidak ditemukan.", "errors": {}}, status=404)
    form = RegisterFilterForm(request.GET or None, types=complaint_settings(office).types)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = queries.register_entries(office, filters, history=filters.get("history", False))
    page = queries.register_page(entries, request.GET.get("page"))
    rows = queries.register_rows(page.object_list, request.user, office)
    for r in rows:
        r["date"] = r["date"].isoformat()
        r["at"] = r["at"].isoformat()
    return JsonResponse({"items": rows, "page": page.number, "has_next": page.has_next})


def _report_json(report):
    return {
        "id": report.pk,
        "year": report.year,
        "month": report.month,
        "status": report.status,
        "approved_at": report.approved_at.isoformat() if report.approved_at else None,
        "received_by_head_at": report.received_by_head_at.isoformat()
        if report.received_by_head_at
        else None,
        "versions": [
            {
                "number": v.number,
                "compiled_at": v.compiled_at.isoformat(),
                "note": v.note,
                "data": v.data,
                "reviews": [
                    {"decision": r.decision, "notes": r.notes, "at": r.at.isoformat()}
                    for r in v.reviews.all()
                ],
            }
            for v in report.versions.prefetch_related("reviews")
        ],
    }


def _report_office(request):
    office = office_of(request.user)
    if office is None or not roles_of(request.user) & REPORT_ROLES:
        raise _NotFound()
    return office


@router.get("/reports", response=_documented(200, 401, 403, 404, 422), auth=django_auth)
@handles_errors
def reports(request):
    office = _report_office(request)
    return JsonResponse(
        {"items": [_report_json(r) for r in MonthlyReport.objects.filter(office=office)]}
    )


@router.post("/reports", response=_documented(201, 401, 403, 404, 409, 422), auth=django_auth)
@handles_errors
def compile_report(request):
    office = _report_office(request)
    data = _body(request)
    try:
        year, month = int(data.get("year")), int(data.get("month"))
    except (TypeError, ValueError) as exc:
        raise Invalid("Bulan laporan tidak valid.", {"month": "Isi tahun dan bulan."}) from exc
    report = actions.compile_report(office, request.user, year, month, data.get("note", ""))
    return JsonResponse(_report_json(report), status=201)


@router.get("/reports/{int:report_id}", response=_documented(200, 401, 403, 404), auth=django_auth)
@handles_errors
def report(request, report_id: Id):
    office = _report_office(request)
    item = MonthlyReport.objects.filter(office=office, pk=report_id).first()
    if item is None:
        raise _NotFound()
    return JsonResponse(_report_json(item))


@router.post(
    "/reports/{int:report_id}/{what}",
    response=_documented(200, 401, 403, 404, 409, 422),
    auth=django_auth,
)
@handles_errors
def report_action(request, report_id: Id, what: str):
    office = _report_office(request)
    item = MonthlyReport.objects.filter(office=office, pk=report_id).first()
    if item is None:
        raise _NotFound()
    data = _body(request)
    if what == "submit":
        item = actions.submit_report(item, request.user)
    elif what == "review":
        item = actions.review_report(item, request.user, data.get("decision"), data.get("notes"))
    elif what == "receive":
        item = actions.acknowledge_report(item, request.user)
    else:
        raise _NotFound()
    return JsonResponse(_report_json(item))
