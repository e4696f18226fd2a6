"""The issuance API: public verification and upload check; revocation; signed download."""

from datetime import date, datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.debug import sensitive_variables
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


class PublicSignedOut(Schema):
    step_no: int
    signed: bool


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


class ToSignOut(Schema):
    document_sha256: str
    pdf_url: str
    capacity: str


class SignIn(Schema):
    """The signer's own signature at the sign step: the hash of the document they
    read, their confirmation, and their secret (passphrase, or one-time code with the
    bsre backend). The secret is used once and stored nowhere."""

    step_no: int
    document_sha256: str
    confirmed: bool = False
    passphrase: str = ""
    totp: str = ""
    capacity: str = ""


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


def _signing_file(user, application_id):
    from loket.core.roles import acts_as

    application = get_object_or_404(visible_applications(user), pk=application_id)
    step = application.step if application.is_open else None
    if step is None or step.kind != "sign" or not acts_as(user, step.role, application.office):
        raise Http404
    return application


@router.get(
    "/{application_id}/to-sign",
    response={200: ToSignOut, **{code: ErrorOut for code in (401, 403, 404)}},
    auth=django_auth,
)
def to_sign(request, application_id: int, capacity: str = ""):
    """The SHA-256 of the exact document the signer is asked to sign (and where to read it)."""
    from django.urls import reverse

    from loket.lib.signing import pdf_sha256
    from loket.permits import issuance_signing

    application = _signing_file(request.auth, application_id)
    capacity = capacity if capacity in issuance_signing.CAPACITY_PREFIX else ""
    pdf, _boxes, _code = issuance_signing.document_to_sign(application, request.auth, capacity)
    url = reverse("issuance:document_to_sign", args=[application.pk])
    return {
        "document_sha256": pdf_sha256(pdf),
        "pdf_url": url + (f"?sebagai={capacity}" if capacity else ""),
        "capacity": capacity,
    }


@router.post(
    "/{application_id}/sign",
    response={200: PublicSignedOut, **{code: ErrorOut for code in (401, 403, 404, 409, 422)}},
    auth=django_auth,
)
@sensitive_variables("payload", "secret")
def sign(request, application_id: int, payload: SignIn):
    """The signer signs with their own certificate and secret (step 7)."""
    from loket.lib.signing_backends import PASSPHRASE, TOTP, Secret
    from loket.permits import actions

    application = _signing_file(request.auth, application_id)
    secret = Secret(TOTP, payload.totp) if payload.totp else Secret(PASSPHRASE, payload.passphrase)
    try:
        actions.complete_step(
            application,
            request.auth,
            payload.step_no,
            document_sha256=payload.document_sha256,
            secret=secret,
            capacity=payload.capacity,
            confirmed=payload.confirmed,
        )
    except ActionError as exc:
        return Status(exc.status, {"detail": exc.message, "errors": exc.errors})
    application.refresh_from_db()
    return Status(200, {"step_no": application.current_step, "signed": True})


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
