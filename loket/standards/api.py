"""The standards API: the published service standards, public like their pages."""

from typing import Any

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from loket.core.roles import role_label
from loket.core.schemas import ErrorOut, LocalTime, Page, PageQuery, page_of
from loket.lib.pages import window
from loket.standards.form_jsonschema import form_schemas
from loket.standards.models import Service

router = Router(tags=["standards"])


class TimeOut(Schema):
    minutes: int
    working_days: float
    working_minutes: int
    label: str


class StepOut(Schema):
    no: int
    name: str
    label: str = Field(
        ...,
        description=(
            "The step's short name, as the officer's file page heads it: the standard's "
            "`label` in the request's language, or else the start of `name` cut at a word."
        ),
    )
    kind: str
    role: str
    role_label: str
    with_roles: list[str]
    inputs: list[str]
    output: str
    time: TimeOut
    returns_to_applicant: bool


class RequirementOut(Schema):
    code: str
    name: str
    mandatory: bool
    applies_to: list[str]
    file_types: list[str]
    max_mb: float


class ComponentOut(Schema):
    key: str
    group: str
    title: str
    text: str
    items: list[str] = []


class RoleOut(Schema):
    code: str
    name: str


class ServiceOut(Schema):
    id: int
    office: str
    office_name: str
    code: str
    name: str
    version: int
    version_label: str


class KindOut(Schema):
    code: str
    name: str


class StandardOut(ServiceOut):
    loaded_at: LocalTime
    sector: str
    kinds: list[KindOut]
    form: dict[str, dict[str, Any]] = Field(
        ...,
        description=(
            "Per kind of application, the JSON Schema of the answers to send with a "
            "filing (multipart fields named by the keys), besides service_id, kind and "
            "one file per requirement (doc_<code>)."
        ),
    )
    components: list[ComponentOut]
    requirements: list[RequirementOut]
    roles: list[RoleOut]
    steps: list[StepOut]
    total_time: TimeOut
    fee: dict[str, Any]
    product: dict[str, Any]
    staffing: dict[str, Any]


def _service(service):
    version = service.current
    return {
        "id": service.pk,
        "office": service.office.code,
        "office_name": service.office.name,
        "code": service.code,
        "name": service.name,
        "version": version.number,
        "version_label": str(version.data.get("version_label", "")),
    }


def _time(time, minutes_per_day):
    return {
        "minutes": time.minutes,
        "working_days": time.working_days,
        "working_minutes": time.working_minutes(minutes_per_day),
        "label": str(time),
    }


@router.get(
    "/",
    response={200: Page[ServiceOut], 422: ErrorOut},
    summary="List published services",
    description="The catalogue: every service with a published standard, of every "
    "office, with its fee, time and product, 50 a page. Public.",
)
def catalogue(request, page: PageQuery = 1):
    services = (
        Service.objects.filter(current__isnull=False)
        .select_related("office", "current")
        .order_by("office__name", "name", "pk")
    )
    rows = window(services, page, 50)
    return page_of(rows, [_service(s) for s in rows.object_list])


@router.get(
    "/{office}/{code}",
    response={200: StandardOut, 404: ErrorOut},
    summary="Get a service's standard",
    description="The current version of a service's standard (office code and service "
    "code): its components, requirements, SOP steps with roles and time standards, "
    "fee, product and legal basis. Public.",
)
def standard(request, office: str, code: str):
    service = get_object_or_404(
        Service.objects.select_related("office", "current"),
        office__code=office,
        code=code,
        current__isnull=False,
    )
    version = service.current
    spec = version.spec
    per_day = service.office.calendar().minutes_per_day()
    return {
        **_service(service),
        "loaded_at": version.loaded_at,
        "sector": spec.sector_name,
        "kinds": [{"code": k.code, "name": k.name} for k in spec.kinds],
        "form": form_schemas(spec),
        "components": spec.components(),
        "requirements": [
            {
                "code": r.code,
                "name": r.name,
                "mandatory": r.mandatory,
                "applies_to": [k.code for k in spec.kinds if r.needed_for(k.code)],
                "file_types": list(r.file_types),
                "max_mb": r.max_mb,
            }
            for r in spec.requirements
        ],
        "roles": [{"code": c, "name": n} for c, n in spec.role_names.items()],
        "steps": [
            {
                "no": s.no,
                "name": s.name,
                "label": str(s.label),
                "kind": s.kind,
                "role": s.role,
                "role_label": str(role_label(s.role)),
                "with_roles": list(s.with_roles),
                "inputs": list(s.inputs),
                "output": s.output,
                "time": _time(s.time, per_day),
                "returns_to_applicant": s.returns_to_applicant,
            }
            for s in spec.steps
        ],
        "total_time": _time(spec.total_time, per_day),
        "fee": spec.data.get("fee", {}),
        "product": spec.data.get("product", {}),
        "staffing": spec.data.get("staffing", {}),
    }
