"""Survey API: submit a response (by invitation token, or anonymously for a service)
and read the IKM of a period."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import django_auth

from loket.core.errors import ActionError, Invalid
from loket.core.report_access import report_office
from loket.core.schemas import ErrorOut
from loket.lib.ratelimit import rate_limited
from loket.standards.models import Service
from loket.surveys import actions, ikm, kiosks, queries
from loket.surveys.models import SurveyResponse

router = Router(tags=["surveys"])


class ResponseIn(Schema):
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


def _error(exc):
    return Status(exc.status, {"detail": exc.message, "errors": exc.errors})


@router.post(
    "/responses",
    response={201: dict, **{c: ErrorOut for c in (403, 404, 409, 422, 429)}},
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
            "submitted_at": response.submitted_at.isoformat(),
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
    auth=django_auth,
    response={200: dict, **{c: ErrorOut for c in (401, 403, 422)}},
)
def ikm_results(request, period: str | None = None, service: int | None = None):
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
