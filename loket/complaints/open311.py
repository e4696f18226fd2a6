"""Open311 GeoReport v2 (JSON) so civic apps can file and follow complaints.

Services are the complaint types of the office's standard; a service request is a
complaint and its service_request_id is the ticket number. Location is optional for
every service.
A request's description is published only for non-confidential complaints filed
through the internet (the filer chose to publish it); personal data never is: the
published free text (description, answer, address) has email addresses, NIKs and
phone numbers redacted (loket.lib.masks.redact_personal).
`jurisdiction_id` is the office code (default: the first office).
"""

import datetime

from django.http import JsonResponse
from django.utils.dateparse import parse_datetime
from ninja import Router, Schema

from loket.complaints import actions
from loket.complaints.config import complaint_settings
from loket.complaints.models import INTERNET, Complaint
from loket.core.errors import ActionError
from loket.core.models import Office
from loket.lib import ratelimit
from loket.lib.masks import redact_personal

router = Router(tags=["open311"])


class Open311Error(Schema):
    """GeoReport v2 errors are a list of these."""

    code: int
    description: str


def _documented(ok, ok_schema, *errors):
    # Handlers answer with JsonResponse, so these schemas document rather than validate.
    return {ok: ok_schema, **{code: list[Open311Error] for code in errors}}


def _errors(code, description):
    return JsonResponse([{"code": code, "description": description}], status=code, safe=False)


def _office(request):
    code = request.GET.get("jurisdiction_id") or request.POST.get("jurisdiction_id")
    offices = Office.objects.order_by("pk")
    return offices.filter(code=code).first() if code else offices.first()


def _service(code, label):
    return {
        "service_code": code,
        "service_name": str(label),
        "description": f"Pengaduan tentang {str(label).lower()}",
        "metadata": False,
        "type": "realtime",
        "keywords": "pengaduan",
        "group": "Pengaduan pelayanan publik",
    }


def _types(office):
    return dict(complaint_settings(office).types)


@router.get("/services.json", response=_documented(200, list[dict], 404), auth=None)
def services(request):
    office = _office(request)
    if office is None:
        return _errors(404, "jurisdiction_id not found")
    return JsonResponse([_service(c, label) for c, label in _types(office).items()], safe=False)


@router.get("/services/{code}.json", response=_documented(200, dict, 404), auth=None)
def service_definition(request, code: str):
    office = _office(request)
    if office is None or code not in _types(office):
        return _errors(404, "service_code not found")
    # No extra attributes: every service takes only the standard request fields.
    return JsonResponse({"service_code": code, "attributes": []})


def _iso(value):
    return value.isoformat() if value else None


def _request_json(c, labels):
    published = c.channel == INTERNET and not c.confidential
    notes = redact_personal(c.answer) if c.answer and published else c.get_status_display()
    return {
        "service_request_id": c.ticket,
        "status": "closed" if c.closed_at else "open",
        "status_notes": notes,
        "service_name": labels["type"].get(c.type, c.type),
        "service_code": c.type,
        "description": redact_personal(c.description) if published else "",
        "agency_responsible": c.office.name,
        "service_notice": "",
        "requested_datetime": _iso(c.received_at),
        "updated_datetime": _iso(c.updated_at),
        "expected_datetime": _iso(c.due_at),
        "address": redact_personal(c.address_string) if published else "",
        "address_id": "",
        "zipcode": "",
        "lat": c.lat if published else None,
        "long": c.long if published else None,
        "media_url": "",
    }


def _float(value):
    if value in (None, ""):
        return None
    return float(value)


@router.post("/requests.json", response=_documented(201, list[dict], 400, 404, 429), auth=None)
def create_request(request):
    """Form-encoded, as GeoReport v2 says."""
    office = _office(request)
    if office is None:
        return _errors(404, "jurisdiction_id not found")
    if not ratelimit.allow(request, "complaint_file"):
        return _errors(429, "Terlalu banyak permintaan dari alamat Anda. Coba lagi nanti.")
    post = request.POST
    code = post.get("service_code", "")
    if code not in _types(office):
        return _errors(400, "service_code tidak dikenal")
    try:
        lat, long = _float(post.get("lat")), _float(post.get("long"))
    except ValueError:
        return _errors(400, "lat/long harus angka")
    name = " ".join(p for p in (post.get("first_name", ""), post.get("last_name", "")) if p)
    intake = actions.Intake(
        description=post.get("description", ""),
        type=code,
        name=name,
        email=post.get("email", ""),
        phone=post.get("phone", ""),
        lat=lat,
        long=long,
        address_string=post.get("address_string", ""),
    )
    try:
        complaint = actions.file_complaint(office, intake, channel=INTERNET, via_open311=True)
    except ActionError as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in exc.errors.items()) or exc.message
        return _errors(400, detail)
    days = complaint_settings(office).deadline_days(complaint.weight)
    body = [
        {
            "service_request_id": complaint.ticket,
            "service_notice": f"Pengaduan ditangani paling lama {days} hari kerja setelah bobotnya"
            f" ditetapkan. Kode lacak: {complaint.tracking_code}",
            "account_id": None,
        }
    ]
    return JsonResponse(body, status=201, safe=False)


def _when(value):
    parsed = parse_datetime(value) if value else None
    if value and parsed is None:
        raise ValueError(value)
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=datetime.UTC)
    return parsed


@router.get("/requests.json", response=_documented(200, list[dict], 400, 404), auth=None)
def list_requests(request):
    office = _office(request)
    if office is None:
        return _errors(404, "jurisdiction_id not found")
    items = Complaint.objects.filter(office=office).select_related("office")
    ids = [i for i in request.GET.get("service_request_id", "").split(",") if i]
    if ids:
        items = items.filter(ticket__in=ids)
    else:
        codes = [c for c in request.GET.get("service_code", "").split(",") if c]
        if codes:
            items = items.filter(type__in=codes)
        try:
            start, end = _when(request.GET.get("start_date")), _when(request.GET.get("end_date"))
        except ValueError:
            return _errors(400, "start_date/end_date harus ISO 8601")
        if start:
            items = items.filter(received_at__gte=start)
        if end:
            items = items.filter(received_at__lte=end)
        status = request.GET.get("status", "")
        if status == "open":
            items = items.filter(closed_at__isnull=True)
        elif status == "closed":
            items = items.filter(closed_at__isnull=False)
        # GeoReport's default window: the last 90 days, at most 1000 requests.
        if not (start or end):
            since = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=90)
            items = items.filter(received_at__gte=since)
    items = items.order_by("-received_at")[:1000]
    labels = complaint_settings(office).labels()
    return JsonResponse([_request_json(c, labels) for c in items], safe=False)


@router.get("/requests/{request_id}.json", response=_documented(200, list[dict], 404), auth=None)
def get_request(request, request_id: str):
    office = _office(request)
    complaint = (
        Complaint.objects.filter(office=office, ticket=request_id).select_related("office").first()
        if office
        else None
    )
    if complaint is None:
        return _errors(404, "service_request_id not found")
    return JsonResponse([_request_json(complaint, complaint_settings(office).labels())], safe=False)
