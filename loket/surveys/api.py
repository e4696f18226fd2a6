"""Survey API: submit a response (by invitation token, or anonymously for a service)
and read the IKM of a period."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from pydantic import ConfigDict

from loket.apiclients.auth import callers
from loket.apiclients.scopes import SURVEYS_READ
from loket.core.errors import ActionError, Invalid
from loket.core.report_access import report_office
from loket.core.schemas import LocalTime, error_responses
from loket.lib.ratelimit import rate_limited
from loket.standards.models import Service
from loket.surveys import actions, ikm, kiosks, queries
from loket.surveys.models import SurveyResponse

router = Router(tags=["surveys"])


class ResponseIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "office": "dpmptsp-pekanbaru",
                    "service": "sikts",
                    "channel": "kiosk",
                    "u1": 4,
                    "u2": 3,
                    "u3": 4,
                    "u4": 4,
                    "u5": 3,
                    "u6": 4,
                    "u7": 4,
                    "u8": 3,
                    "u9": 4,
                }
            ]
        }
    )

    token: str | None = None
    office: str | None = None
    service: str | None = None
    channel: str = SurveyResponse.KIOSK
    u1: int | None = None
    u2: int | None = None
    u3: int | None = None
    u4: int | None = None
    u5: int | None = None
    u6: int | None = None
    u7: int | None = None
    u8: int | None = None
    u9: int | None = None
    age: int | None = None
    sex: str = ""
    education: str = ""
    occupation: str = ""
    comment: str = ""


class SubmittedOut(Schema):
    id: int
    submitted_at: LocalTime
    counted: bool = Field(
        description="Whether it enters the IKM: tied to an invitation or a registered kiosk. "
        "Anonymous responses are kept apart for review and never counted."
    )


class ElementOut(Schema):
    code: str = Field(examples=["U1"])
    name: str
    count: int
    total: int
    nrr: str | None = Field(description="Rounded to 3 decimals, as a string.")
    mutu: str | None
    kinerja: str | None


class ResultOut(Schema):
    ikm_unit: str | None
    ikm: str | None = Field(description="Converted IKM (25-100), 2 decimals, as a string.")
    mutu: str | None = Field(examples=["B"])
    kinerja: str | None
    elements: list[ElementOut]


class ServiceIkmOut(ResultOut):
    service: int
    name: str
    respondents: int
    population: int | None
    sample_size: int | None


class IkmOut(ResultOut):
    period: str = Field(examples=["2026"])
    period_label: str
    respondents: int
    population: int | None
    sample_size: int | None
    too_few: bool
    services: list[ServiceIkmOut]
    rounding_rule: str
    classification_rule: str


ServiceId = Query[int | None, {"ge": 1, "le": 2**63 - 1}]
PeriodKey = Query[str | None, {"max_length": 10, "pattern": r"^[^\x00]*$"}]


def _error(exc):
    return Status(exc.status, {"detail": exc.message, "errors": exc.errors})


@router.post(
    "/responses",
    response={201: SubmittedOut, **error_responses(403, 404, 409, 422, 429)},
    summary="Submit a satisfaction survey response (public)",
    description="With `token`: the applicant's one response for a finished file (from "
    "the invitation). Without: an anonymous kiosk or QR response for the `office` and "
    "`service` codes. u1-u9 are the nine SKM elements, 1-4. Limited per address.",
)
@rate_limited("survey")
def submit(request, payload: ResponseIn):
    """Submit one response. With `token`: the applicant's one response for a finished
    file. Without: a kiosk/QR response for `office` + `service` codes, counted only from
    a registered kiosk (its cookie), otherwise held apart and never counted."""
    data = payload.dict()
    try:
        if payload.token:
            response = actions.submit_by_token(payload.token, data)
        else:
            if not (payload.office and payload.service):
                raise Invalid(
                    "Sebutkan token undangan, atau kode instansi dan layanan.",
                    {"token": "Wajib diisi tanpa office/service."},
                )
            service = Service.objects.filter(
                office__code=payload.office, code=payload.service
            ).first()
            if service is None:
                return Status(404, {"detail": "Layanan tidak ditemukan.", "errors": {}})
            device = kiosks.device_of(request, service.office_id)
            response = actions.submit_anonymous(service, data, payload.channel, device)
    except ActionError as exc:
        return _error(exc)
    return Status(
        201,
        {
            "id": response.pk,
            "submitted_at": response.submitted_at,
            "counted": response.counted,
        },
    )


def _result_dict(result):
    return {
        "ikm_unit": str(result.ikm_unit) if result.ikm_unit is not None else None,
        "ikm": str(ikm.round_ikm(result.ikm)) if result.ikm is not None else None,
        "mutu": result.mutu,
        "kinerja": result.kinerja,
        "elements": [
            {
                "code": e.code,
                "name": e.name,
                "count": e.count,
                "total": e.total,
                "nrr": str(ikm.round_nrr(e.nrr)) if e.nrr is not None else None,
                "mutu": e.mutu,
                "kinerja": e.kinerja,
            }
            for e in result.elements
        ],
    }


@router.get(
    "/ikm",
    auth=callers(SURVEYS_READ),
    response={200: IkmOut, **error_responses(401, 403, 404, 422)},
    summary="Read the IKM (satisfaction index)",
    description="The Indeks Kepuasan Masyarakat of a period (default: the current one) "
    "for the office and each service, per element, as PermenPANRB 14/2017 computes it. "
    "The Sekretaris, the Kepala Dinas, the Kepala Bidang, or an API client with "
    "`surveys:read`.",
)
def ikm_results(request, period: PeriodKey = None, service: ServiceId = None):
    """The IKM of a period (default: the current one) for the office and each service."""
    try:
        office = report_office(request.user)
    except PermissionDenied:
        return Status(403, {"detail": "Tidak berwenang.", "errors": {}})
    chosen = get_object_or_404(Service, pk=service, office=office) if service else None
    the_period = queries.resolve_period(office, period)
    data = queries.ikm_for_period(office, the_period, chosen)
    return Status(
        200,
        {
            "period": the_period.key,
            "period_label": the_period.label,
            "respondents": data.respondents,
            "population": data.population,
            "sample_size": data.sample_size,
            "too_few": data.too_few,
            **_result_dict(data.result),
            "services": [
                {
                    "service": s.service_id,
                    "name": s.name,
                    "respondents": s.respondents,
                    "population": s.population,
                    "sample_size": s.sample_size,
                    **_result_dict(s.result),
                }
                for s in data.services
            ],
            "rounding_rule": ikm.ROUNDING_RULE,
            "classification_rule": ikm.CLASSIFICATION_RULE,
        },
    )
