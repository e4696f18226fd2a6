"""Open311 GeoReport v2, in JSON and XML, so civic apps can file and follow complaints.

Every endpoint answers in the format its path ends with (`.json` or `.xml`), errors
too (GeoReport's list of `{code, description}`). Services are the complaint types of
the office's standard; a service request is a complaint and its service_request_id is
the ticket number. Location is optional for every service (a complaint about a
licensing office rarely has a place), but when given it must be on Earth.

A request's description, address, coordinates and media_url are published only for
non-confidential complaints filed through the internet; personal data never is: the
published free text (description, answer, address) has email addresses, NIKs and phone
numbers redacted (loket.lib.masks.redact_personal).
`jurisdiction_id` is the office code (default: the first office). `api_key` is an API
client's `client_id:client_secret` (scope `open311:write`): its requests are counted
under the client's own limit instead of the public per-address limit, and the audit
trail names the client. media_url is kept as a link, never fetched.
"""

import datetime
from typing import Literal
from xml.etree import ElementTree

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from ninja import Field, Form, Query, Router, Schema
from pydantic import ConfigDict

from loket.apiclients.auth import attach
from loket.apiclients.models import ApiClient
from loket.apiclients.scopes import OPEN311_WRITE
from loket.complaints import actions
from loket.complaints.config import complaint_settings
from loket.complaints.models import INTERNET, Complaint
from loket.core.errors import ActionError
from loket.core.models import Office
from loket.lib import ratelimit
from loket.lib.api_errors import open311_errors
from loket.lib.masks import redact_personal

router = Router(tags=["open311"])

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-06T00:00:00+07:00"  # when this endpoint's behaviour last changed
Format = Literal["json", "xml"]
NO_NUL = r"^[^\x00]*$"
# The list's root and item element names in XML, per GeoReport v2.
XML_NAMES = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "created": ("service_requests", "request"),
    "errors": ("errors", "error"),
}


# --- schemas (the spec's field lists) -----------------------------------------------


class Open311Error(Schema):
    """GeoReport v2 errors are a list of these."""

    code: int
    description: str


class Open311ServiceOut(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str
    group: str


class AttributeOut(Schema):
    variable: bool
    code: str
    datatype: str
    required: bool
    datatype_description: str
    order: int
    description: str


class ServiceDefinitionOut(Schema):
    service_code: str
    attributes: list[AttributeOut]


class RequestOut(Schema):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: str | None = Field(description="ISO 8601 with offset (+07:00).")
    updated_datetime: str | None
    expected_datetime: str | None
    address: str
    address_id: str
    zipcode: str
    lat: float | None
    long: float | None
    media_url: str


class CreatedOut(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None


class EndpointOut(Schema):
    specification: str
    url: str
    changeset: str
    type: str
    formats: list[str]


class DiscoveryOut(Schema):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[EndpointOut]


class RequestIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "service_code": "waktu",
                    "description": "Antrean lama.",
                    "lat": 0.51,
                    "long": 101.44,
                    "media_url": "https://example.org/foto.jpg",
                }
            ]
        }
    )

    service_code: str = Field(max_length=40, pattern=NO_NUL)
    jurisdiction_id: str = Field("", max_length=40, pattern=NO_NUL)
    api_key: str = Field(
        "", max_length=300, pattern=NO_NUL, description="`client_id:client_secret`."
    )
    lat: float | None = Field(None, ge=-90, le=90)
    long: float | None = Field(None, ge=-180, le=180)
    address_string: str = Field("", max_length=300, pattern=NO_NUL)
    address_id: str = Field("", max_length=40, pattern=NO_NUL)
    email: str = Field("", max_length=254, pattern=NO_NUL)
    device_id: str = Field("", max_length=100, pattern=NO_NUL)
    account_id: str = Field("", max_length=100, pattern=NO_NUL)
    first_name: str = Field("", max_length=100, pattern=NO_NUL)
    last_name: str = Field("", max_length=100, pattern=NO_NUL)
    phone: str = Field("", max_length=30, pattern=NO_NUL)
    description: str = Field("", max_length=4000, pattern=NO_NUL)
    media_url: str = Field(
        "", max_length=500, pattern=NO_NUL, description="An http(s) link to a photo."
    )


class ListFilter(Schema):
    jurisdiction_id: str = Field("", max_length=40, pattern=NO_NUL)
    service_request_id: str = Field(
        "", max_length=2000, pattern=NO_NUL, description="Comma-separated tickets."
    )
    service_code: str = Field(
        "", max_length=400, pattern=NO_NUL, description="Comma-separated service codes."
    )
    start_date: str = Field("", max_length=40, pattern=NO_NUL, description="ISO 8601.")
    end_date: str = Field("", max_length=40, pattern=NO_NUL, description="ISO 8601.")
    status: str = Field(
        "", max_length=20, pattern=NO_NUL, description="`open`, `closed`, or both, comma-separated."
    )


class Jurisdiction(Schema):
    jurisdiction_id: str = Field("", max_length=40, pattern=NO_NUL)


# --- rendering in either format -----------------------------------------------------


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _element(parent, name, value):
    node = ElementTree.SubElement(parent, name)
    if isinstance(value, dict):
        for key, item in value.items():
            _element(node, key, item)
    elif isinstance(value, list):
        # A list inside an item (attributes, formats) holds elements named by its
        # singular: <attributes><attribute>, <formats><format>, <endpoints><endpoint>.
        for item in value:
            _element(node, name.removesuffix("s"), item)
    else:
        node.text = _text(value)
    return node


def _xml(root):
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(root, "utf-8")
    return body


def render(data, fmt, status=200, kind=None):
    """`data` (a list of `kind`, or one object named by `kind`) in JSON or XML."""
    if fmt == "json":
        return JsonResponse(data, status=status, safe=False)
    if isinstance(data, list):
        root_name, item_name = XML_NAMES[kind]
        root = ElementTree.Element(root_name)
        for item in data:
            _element(root, item_name, item)
    else:
        root = ElementTree.Element(kind)
        for key, value in data.items():
            _element(root, key, value)
    return HttpResponse(_xml(root), status=status, content_type="application/xml; charset=utf-8")


def _error(fmt, code, description):
    return open311_errors(code, description, fmt == "xml")


def _documented(ok, schema, *errors, xml_root):
    """Both formats in the contract: JSON by its schema, XML as GeoReport's document."""
    xml = {"schema": {"type": "string", "description": f"XML: <{xml_root}>..."}}
    responses = {ok: {"content": {"application/xml": xml}}}
    for code in errors:
        responses[code] = {
            "content": {"application/xml": {"schema": {"type": "string"}}},
        }
    return {ok: schema, **{code: list[Open311Error] for code in errors}}, {"responses": responses}


def _op(ok, schema, *errors, xml_root, summary, description, example=None):
    response, extra = _documented(ok, schema, *errors, xml_root=xml_root)
    if example:
        extra["requestBody"] = {
            "content": {"application/x-www-form-urlencoded": {"example": example}}
        }
    return {
        "response": response,
        "openapi_extra": extra,
        "auth": None,
        "summary": summary,
        "description": description,
    }


# --- the office, the services -------------------------------------------------------


def _office(code):
    offices = Office.objects.order_by("pk")
    return offices.filter(code=code).first() if code else offices.first()


def _service(code, label):
    return {
        "service_code": code,
        "service_name": str(label),
        "description": _("Pengaduan tentang %(type)s") % {"type": str(label).lower()},
        "metadata": False,
        "type": "realtime",
        "keywords": "pengaduan",
        "group": _("Pengaduan pelayanan publik"),
    }


def _types(office):
    return dict(complaint_settings(office).types)


@router.get(
    "/discovery.{format}",
    **_op(
        200,
        DiscoveryOut,
        400,
        xml_root="discovery",
        summary="Open311 discovery",
        description="GeoReport v2's discovery document: the specification, the endpoint "
        "and its formats, who to contact, where to get an api_key.",
    ),
)
def discovery(request, format: Format):  # noqa: A002 - the spec's word
    base = request.build_absolute_uri("/api/v1/complaints/open311/")
    return render(
        {
            "changeset": CHANGESET,
            "contact": settings.OPEN311_CONTACT or settings.DEFAULT_FROM_EMAIL,
            "key_service": _(
                "Kunci API (api_key) dibuat oleh administrator kantor sebagai klien API "
                "dengan cakupan open311:write; kirim client_id:client_secret."
            ),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": base,
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        },
        format,
        kind="discovery",
    )


@router.get(
    "/services.{format}",
    **_op(
        200,
        list[Open311ServiceOut],
        400,
        404,
        xml_root="services",
        summary="Open311 service list",
        description="The complaint types of the office (`jurisdiction_id`, default the "
        "first office) as GeoReport v2 services.",
    ),
)
def services(request, format: Format, filters: Query[Jurisdiction]):  # noqa: A002
    office = _office(filters.jurisdiction_id)
    if office is None:
        return _error(format, 404, "jurisdiction_id not found")
    items = [_service(c, label) for c, label in _types(office).items()]
    return render(items, format, kind="services")


@router.get(
    "/services/{code}.{format}",
    **_op(
        200,
        ServiceDefinitionOut,
        400,
        404,
        xml_root="service_definition",
        summary="Open311 service definition",
        description="A service's extra attributes: none, every service takes only the "
        "standard request fields.",
    ),
)
def service_definition(request, code: str, format: Format, filters: Query[Jurisdiction]):  # noqa: A002
    office = _office(filters.jurisdiction_id)
    if office is None or code not in _types(office):
        return _error(format, 404, "service_code not found")
    return render({"service_code": code, "attributes": []}, format, kind="service_definition")


# --- service requests ---------------------------------------------------------------


def _iso(value):
    return timezone.localtime(value).isoformat() if value else None


def _request(c, labels):
    published = c.channel == INTERNET and not c.confidential
    notes = redact_personal(c.answer) if c.answer and published else str(c.get_status_display())
    return {
        "service_request_id": c.ticket,
        "status": "closed" if c.closed_at else "open",
        "status_notes": notes,
        "service_name": str(labels["type"].get(c.type, c.type)),
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
        "media_url": c.media_url if published else "",
    }


def _client(request, api_key):
    """The API client an api_key names, attached to the request; None without a key."""
    client_id, _sep, secret = api_key.partition(":")
    client = (
        ApiClient.objects.select_related("user", "office")
        .filter(client_id=client_id, revoked_at__isnull=True)
        .first()
    )
    if client is None or not client.check_secret(secret):
        raise ActionError("api_key tidak valid")
    attach(request, client, set(client.scopes), OPEN311_WRITE)
    return client


@router.post(
    "/requests.{format}",
    **_op(
        201,
        list[CreatedOut],
        400,
        403,
        404,
        429,
        xml_root="service_requests",
        example={"service_code": "waktu", "description": "Antrean lama.", "lat": 0.51},
        summary="Open311: file a service request",
        description="Form-encoded, as GeoReport v2 says. Files an internet complaint of "
        "the service's type. Without `api_key` each address may file a few an hour; "
        "with an API client's `api_key` (`client_id:client_secret`, scope "
        "`open311:write`) the client's own limit applies. Answers the ticket as "
        "service_request_id and the tracking code in service_notice.",
    ),
)
def create_request(request, format: Format, payload: Form[RequestIn]):  # noqa: A002
    office = _office(payload.jurisdiction_id)
    if office is None:
        return _error(format, 404, "jurisdiction_id not found")
    client = None
    if payload.api_key:
        try:
            client = _client(request, payload.api_key)
        except ActionError as exc:
            code = 403 if exc.status in (400, 401, 403) else exc.status
            return _error(format, code, exc.message)
    if not ratelimit.allow(request, "complaint_file"):
        return _error(format, 429, _("Terlalu banyak permintaan. Coba lagi nanti."))
    if payload.service_code not in _types(office):
        return _error(format, 400, "service_code not found")
    name = " ".join(p for p in (payload.first_name, payload.last_name) if p)
    intake = actions.Intake(
        description=payload.description,
        type=payload.service_code,
        name=name,
        email=payload.email,
        phone=payload.phone,
        lat=payload.lat,
        long=payload.long,
        address_string=payload.address_string,
        media_url=payload.media_url,
    )
    try:
        complaint = actions.file_complaint(
            office,
            intake,
            channel=INTERNET,
            via_open311=True,
            # The client's account, so the trail names the client that sent it.
            user=client.user if client else None,
        )
    except ActionError as exc:
        detail = "; ".join(f"{k}: {v}" for k, v in exc.errors.items()) or exc.message
        return _error(format, 400, detail)
    days = complaint_settings(office).deadline_days(complaint.weight)
    notice = _(
        "Pengaduan ditangani paling lama %(days)s hari kerja setelah bobotnya ditetapkan. "
        "Kode lacak: %(code)s"
    ) % {"days": days, "code": complaint.tracking_code}
    created = {
        "service_request_id": complaint.ticket,
        "service_notice": notice,
        "account_id": None,
    }
    return render([created], format, status=201, kind="created")


def _when(value):
    parsed = parse_datetime(value) if value else None
    if value and parsed is None:
        raise ValueError(value)
    if parsed is not None and parsed.tzinfo is None:
        parsed = timezone.make_aware(parsed)
    return parsed


def _split(value):
    return [item.strip() for item in value.split(",") if item.strip()]


@router.get(
    "/requests.{format}",
    **_op(
        200,
        list[RequestOut],
        400,
        404,
        xml_root="service_requests",
        summary="Open311: list service requests",
        description="By default the requests of the last 90 days, newest first, at most "
        "1000. Filters: service_request_id (comma-separated; the others are then "
        "ignored), service_code, start_date and end_date (ISO 8601), status (`open`, "
        "`closed`). An unknown status or service code, or a date that is not ISO 8601, "
        "is a 400.",
    ),
)
def list_requests(request, format: Format, filters: Query[ListFilter]):  # noqa: A002
    office = _office(filters.jurisdiction_id)
    if office is None:
        return _error(format, 404, "jurisdiction_id not found")
    items = Complaint.objects.filter(office=office).select_related("office")
    ids = _split(filters.service_request_id)
    if ids:
        items = items.filter(ticket__in=ids)
    else:
        codes = _split(filters.service_code)
        unknown = set(codes) - set(_types(office))
        if unknown:
            return _error(format, 400, f"service_code not found: {', '.join(sorted(unknown))}")
        if codes:
            items = items.filter(type__in=codes)
        try:
            start, end = _when(filters.start_date), _when(filters.end_date)
        except ValueError:
            return _error(format, 400, "start_date/end_date must be ISO 8601")
        if start and end and end < start:
            return _error(format, 400, "end_date is before start_date")
        if start:
            items = items.filter(received_at__gte=start)
        if end:
            items = items.filter(received_at__lte=end)
        statuses = set(_split(filters.status))
        if statuses - {"open", "closed"}:
            return _error(format, 400, "status must be open or closed")
        if statuses == {"open"}:
            items = items.filter(closed_at__isnull=True)
        elif statuses == {"closed"}:
            items = items.filter(closed_at__isnull=False)
        # GeoReport's default window: the last 90 days.
        if not (start or end):
            since = timezone.now() - datetime.timedelta(days=90)
            items = items.filter(received_at__gte=since)
    items = items.order_by("-received_at")[:1000]
    labels = complaint_settings(office).labels()
    return render([_request(c, labels) for c in items], format, kind="requests")


@router.get(
    "/requests/{request_id}.{format}",
    **_op(
        200,
        list[RequestOut],
        400,
        404,
        xml_root="service_requests",
        summary="Open311: get a service request",
        description="One service request by its ticket, as a list of one (GeoReport v2).",
    ),
)
def get_request(request, request_id: str, format: Format, filters: Query[Jurisdiction]):  # noqa: A002
    office = _office(filters.jurisdiction_id)
    complaint = (
        Complaint.objects.filter(office=office, ticket=request_id).select_related("office").first()
        if office
        else None
    )
    if complaint is None:
        return _error(format, 404, "service_request_id not found")
    labels = complaint_settings(office).labels()
    return render([_request(complaint, labels)], format, kind="requests")
