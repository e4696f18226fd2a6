"""The accounts API: an applicant's own data, and the counter's correction of it.

The same actions as the pages (loket.accounts.actions); refusals take the API's one
shape through the exception handler in loket/api.py.
"""

from typing import Any, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Path, Router, Schema, Status
from ninja.security import django_auth
from pydantic import ConfigDict

from loket.accounts import actions
from loket.accounts.queries import applicant_of_file
from loket.core.errors import ActionError
from loket.core.schemas import ErrorOut, IsoDate, IsoTime
from loket.lib.nik import mask_nik

router = Router(tags=["accounts"], auth=django_auth)
Id = Path[int, {"ge": 1, "le": 2**63 - 1}]


class IdentityIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "full_name": "Rina Marlina",
                    "nik": "1471014101900001",
                    "birth_place": "Pekanbaru",
                    "birth_date": "1990-01-01",
                    "sex": "P",
                    "address": "Jl. Sudirman 1, Pekanbaru",
                    "phone": "081234567890",
                }
            ]
        }
    )

    full_name: str = Field(..., max_length=200)
    nik: str = Field(..., min_length=16, max_length=16)
    birth_place: str = Field(..., max_length=100)
    birth_date: IsoDate
    sex: Literal["L", "P"]
    address: str = Field(..., max_length=1000)
    phone: str = Field(..., max_length=20)
    email: str = Field("", max_length=254)
    requested_at: IsoTime | None = Field(
        None, description="When the applicant asked for the correction (default: now)."
    )


class ControllerOut(Schema):
    office: str
    address: str
    email: str
    phone: str


class PersonalDataOut(Schema):
    """The export of UU 27/2022 Pasal 32, as /akun/data-saya.json."""

    generated_at: str
    controller: ControllerOut = Field(description="Who holds the data (the office).")
    legal_basis: str
    retention_years: int
    identity: dict[str, Any] = Field(description="The applicant's identity as held.")
    applications: list[dict[str, Any]] = Field(description="Their files and documents.")
    complaints: list[dict[str, Any]] = Field(description="Complaints they filed.")
    messages: list[dict[str, Any]] = Field(description="Messages sent to them.")


class CorrectedOut(Schema):
    id: int
    full_name: str
    nik_masked: str


@router.get(
    "/me/data",
    response={200: PersonalDataOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Download my personal data",
    description="Everything the office holds about the signed-in applicant (UU 27/2022 "
    "Pasal 32), as /akun/data-saya.json; the download is recorded. Browser sessions of "
    "applicants only.",
)
def my_data(request):
    try:
        _applicant, data = actions.export_personal_data(request.auth, "api")
    except ActionError as exc:
        raise Http404 from exc
    return Status(200, data)


@router.post(
    "/applications/{application_id}/identity",
    response={
        200: CorrectedOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Correct an applicant's identity",
    description="At the applicant's request, the Front Office corrects the identity "
    "(name, NIK, address...) of a file's applicant (UU 27/2022 Pasal 6); the correction "
    "is recorded. Browser sessions only.",
)
def correct_identity(request, application_id: Id, payload: IdentityIn):
    found = applicant_of_file(request.auth, application_id)
    if found is None:
        raise Http404
    applicant, _application = found
    requested_at = payload.requested_at
    if requested_at is not None and timezone.is_naive(requested_at):
        requested_at = timezone.make_aware(requested_at)
    applicant = actions.correct_applicant_identity(
        applicant,
        payload.model_dump(exclude={"requested_at"}),
        by=request.auth,
        requested_at=requested_at,
    )
    return Status(
        200,
        {
            "id": applicant.pk,
            "full_name": applicant.full_name,
            "nik_masked": mask_nik(applicant.nik),
        },
    )
