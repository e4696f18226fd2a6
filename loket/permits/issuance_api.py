"""The issuance API: public verification and upload check; revocation; signed download."""

from datetime import date

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from loket.apiclients.auth import callers, session
from loket.apiclients.scopes import PERMITS_READ
from loket.core.errors import ActionError
from loket.core.schemas import ErrorOut, LocalTime
from loket.lib.ratelimit import rate_limited
from loket.permits import issuance
from loket.permits.access import visible_applications
from loket.permits.verify_views import public_permit

router = Router(tags=["issuance"])


class PublicPermitOut(Schema):
    number: str
    holder: str
    nik: str
    workplace_name: str
    workplace_address: str
    str_number: str
    issued_on: LocalTime
    valid_until: date | None
    status: str
    revoked_at: LocalTime | None
    revoke_reason: str
    office: str


class CheckOut(Schema):
    genuine: bool
    same_file: bool
    signature_valid: bool
    signer: str | None
    signed_at: LocalTime | None
    message: str


class RevokeIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Izin diperoleh dengan dokumen palsu."}]}
    )

    reason: str


def _shown(code):
    permit, shown = public_permit(code)
    if permit is None:
        from django.http import Http404

        raise Http404
    return permit, shown


@router.get(
    "/verify/{code}",
    response={200: PublicPermitOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Verify a permit (public)",
    description="The verification code printed (and in the QR code) on a permit shows "
    "what the public verification page shows: the permit, its holder (masked NIK), its "
    "validity and whether it was revoked. Limited per address.",
)
@rate_limited("verify", methods=None)
def verify(request, code: str):
    """What the public verification page shows (no login)."""
    return _shown(code)[1]


@router.post(
    "/verify/{code}/check",
    response={200: CheckOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Check a permit PDF against the issued one (public)",
    description="Upload a PDF (multipart field `pdf`): is it exactly the issued permit "
    "of this verification code, with a valid signature? Limited per address.",
)
@rate_limited("verify", methods=None)
@rate_limited("verify_check")
def check(request, code: str, pdf: File[UploadedFile]):
    """Is the uploaded PDF exactly the issued permit, with a valid signature?"""
    permit, _shown_data = _shown(code)
    if pdf.size > settings.UPLOAD_MAX_BYTES:
        return Status(422, {"detail": "Berkas terlalu besar.", "errors": {"pdf": "terlalu besar"}})
    return Status(200, issuance.check_upload(permit, pdf.read()))


@router.post(
    "/{application_id}/revoke",
    response={
        200: PublicPermitOut,
        **{code: ErrorOut for code in (401, 403, 404, 409, 422)},
    },
    auth=[session],
    summary="Revoke a permit",
    description="The Kepala Dinas revokes the permit of a file of their office, with "
    "the reason; the public verification then shows it revoked. Browser sessions only.",
)
def revoke(request, application_id: int, payload: RevokeIn):
    """The Kepala Dinas revokes the permit of a file of their office."""
    application = get_object_or_404(visible_applications(request.auth), pk=application_id)
    permit = getattr(application, "permit", None)
    if permit is None:
        return Status(404, {"detail": "Belum ada izin.", "errors": {}})
    try:
        permit = issuance.revoke_permit(permit, request.auth, payload.reason)
    except ActionError as exc:
        return Status(exc.status, {"detail": exc.message, "errors": exc.errors})
    return Status(200, _shown(permit.verify_code)[1])


@router.get(
    "/{application_id}/signed.pdf",
    response={code: ErrorOut for code in (401, 403, 404, 409)},
    openapi_extra={
        "responses": {
            200: {
                "description": "OK",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
    auth=callers(PERMITS_READ),
    summary="Download the signed permit (PDF)",
    description="The electronically signed permit of a file. The applicant's own "
    "download records its electronic collection; an officer's or an API client's does "
    "not.",
)
def signed(request, application_id: int):
    """The signed permit; the applicant's own download records electronic collection."""
    application = get_object_or_404(visible_applications(request.auth), pk=application_id)
    permit = getattr(application, "permit", None)
    if permit is None or not permit.stored_name:
        raise Http404
    if application.applicant.user_id == request.auth.pk and permit.collected_at is None:
        try:
            issuance.collect_electronically(application, request.auth)
        except ActionError as exc:
            return Status(exc.status, {"detail": exc.message, "errors": exc.errors})
    response = HttpResponse(issuance.signed_pdf(permit), content_type="application/pdf")
    # Permit numbers hold slashes (503/DPMPTSP/...), which no file name may.
    filename = "izin-" + "".join(c if c.isalnum() else "-" for c in permit.number) + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
