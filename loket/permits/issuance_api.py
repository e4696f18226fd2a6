"""The issuance API: public verification and upload check; revocation; signed download."""

from datetime import date, datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.security import django_auth

from loket.core.errors import ActionError
from loket.core.schemas import ErrorOut
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
    issued_on: datetime
    valid_until: date | None
    status: str
    revoked_at: datetime | None
    revoke_reason: str
    office: str


class CheckOut(Schema):
    """``genuine``: the file is exactly the issued one, with a valid signature.
    ``status``: whether the permit is in force (valid), expired or revoked;
    ``in_force``: genuine and valid. A revoked permit is never a bare genuine."""

    genuine: bool
    status: str
    in_force: bool
    revoked_at: datetime | None = None
    revoke_reason: str = ""
    same_file: bool
    signature_valid: bool
    signer: str | None
    signed_at: datetime | None
    message: str


class RevokeIn(Schema):
    reason: str


def _shown(code):
    permit, shown = public_permit(code)
    if permit is None:
        from django.http import Http404

        raise Http404
    return permit, shown


@router.get(
    "/verify/{code}", response={200: PublicPermitOut, 404: ErrorOut, 429: ErrorOut}, auth=None
)
@rate_limited("verify", methods=None)
def verify(request, code: str):
    """What the public verification page shows (no login)."""
    return _shown(code)[1]


@router.post(
    "/verify/{code}/check",
    response={200: CheckOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=None,
)
@rate_limited("verify", methods=None)
@rate_limited("verify_check")
def check(request, code: str, pdf: File[UploadedFile]):
    """Is the uploaded PDF exactly the issued permit, with a valid signature?"""
    permit, shown = _shown(code)
    if pdf.size > settings.UPLOAD_MAX_BYTES:
        return Status(422, {"detail": "Berkas terlalu besar.", "errors": {"pdf": "terlalu besar"}})
    result = issuance.check_upload(permit, pdf.read(), shown["status"])
    result["revoked_at"] = shown["revoked_at"]
    result["revoke_reason"] = shown["revoke_reason"]
    return Status(200, result)


@router.post(
    "/{application_id}/revoke",
    response={
        200: PublicPermitOut,
        **{code: ErrorOut for code in (401, 403, 404, 409, 422)},
    },
    auth=django_auth,
)
def revoke(request, application_id: int, payload: RevokeIn):
    """The Kepala Dinas revokes the permit of a file of their office."""
    application = get_object_or_404(visible_applications(request.auth), pk=application_id)
    permit = getattr(application, "permit", None)
    if permit is None:
        return Status(404, {"detail": "Belum ada izin."})
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
    auth=django_auth,
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
            return HttpResponse(exc.message, status=exc.status)
    return HttpResponse(issuance.signed_pdf(permit), content_type="application/pdf")
