"""The issuance API: public verification and upload check; revocation; signed download."""

from datetime import date, datetime

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_variables
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import ConfigDict

from loket.apiclients.auth import callers, session
from loket.apiclients.scopes import PERMITS_READ
from loket.core.errors import ActionError
from loket.core.schemas import ErrorOut, LocalTime, error_responses
from loket.lib.ratelimit import rate_limited
from loket.lib.responses import inline_pdf
from loket.permits import issuance
from loket.permits.access import visible_applications
from loket.permits.verify_views import public_permit

router = Router(tags=["issuance"])


class ShownField(Schema):
    key: str
    label: str
    display: str


class PublicPermitOut(Schema):
    number: str
    holder: str
    nik: str
    fields: list[ShownField] = Field(
        ..., description="What the service's standard shows on verification (personal masked)."
    )
    issued_on: LocalTime
    valid_until: date | None
    status: str
    revoked_at: LocalTime | None
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
    signed_at: LocalTime | None
    message: str


class RevokeIn(Schema):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"reason": "Izin diperoleh dengan dokumen palsu."}]}
    )

    reason: str


class ToSignOut(Schema):
    document_sha256: str
    pdf_url: str
    capacity: str


class SignIn(Schema):
    """The signer's own signature at the sign step: the hash of the document they
    read, their confirmation, and their secret (passphrase, or one-time code with the
    bsre backend). The secret is used once and stored nowhere."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "step_no": 7,
                    "document_sha256": "9f86d081884c7d659a2feaa0c55ad015"
                    "a3bf4f1b2b0b822cd15d6c15b0f00a08",
                    "confirmed": True,
                    "passphrase": "the signer's own passphrase",
                }
            ]
        }
    }

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
    response={200: CheckOut, 400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Check a permit PDF against the issued one (public)",
    description="Upload a PDF (multipart field `pdf`): is it exactly the issued permit "
    "of this verification code, with a valid signature? Limited per address.",
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
        **error_responses(401, 403, 404, 409, 422),
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


def _signing_file(user, application_id):
    from loket.core.roles import acts_as

    application = get_object_or_404(visible_applications(user), pk=application_id)
    step = application.step if application.is_open else None
    if step is None or step.kind != "sign" or not acts_as(user, step.role, application.office):
        raise Http404
    return application


@router.get(
    "/{application_id}/to-sign",
    response={200: ToSignOut, **error_responses(401, 403, 404)},
    auth=session,
    summary="Read the document the signer is about to sign",
    description="At the sign step, the signer (the Kepala Dinas, or a Plt/Plh with "
    "`capacity`) reads the exact PDF and its SHA-256, to confirm and sign it with "
    "POST /{application_id}/sign. Browser sessions only: a signature is a person's act.",
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
    response={200: PublicSignedOut, **error_responses(401, 403, 404, 409, 422)},
    auth=session,
    summary="Sign the permit with the signer's own secret",
    description="The signer confirms the document by its SHA-256 and signs it with the "
    "passphrase of their own key (local backend) or a one-time code (BSrE). The secret "
    "is used once and stored, logged and audited nowhere; a wrong one signs nothing "
    "(422). A document changed since it was read answers 409.",
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
    response=error_responses(401, 403, 404, 409),
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
    description="The electronically signed permit of a file, named after its number. "
    "Reading it changes nothing: the applicant records receipt with "
    "POST /{application_id}/received.",
)
def signed(request, application_id: int):
    """The signed permit, to its applicant and their office. Reading it changes nothing:
    the applicant records receipt with `POST /{application_id}/received`."""
    application = get_object_or_404(visible_applications(request.auth), pk=application_id)
    permit = getattr(application, "permit", None)
    if permit is None or not permit.stored_name:
        raise Http404
    return inline_pdf(issuance.signed_pdf(permit), issuance.permit_filename(permit))


class ReceivedOut(Schema):
    collected_at: LocalTime
    collected_by: str
    collected_via: str


@router.post(
    "/{application_id}/received",
    response={200: ReceivedOut, **error_responses(401, 403, 404, 409, 422)},
    auth=session,
    summary="Record that the applicant received the signed permit",
    description="Step 9 online: the applicant states they have received their signed "
    "permit; the file closes as collected electronically (once; a second call answers "
    "409). Downloading the permit changes nothing.",
)
def received(request, application_id: int):
    application = get_object_or_404(visible_applications(request.auth), pk=application_id)
    permit = getattr(application, "permit", None)
    if permit is None or not permit.stored_name:
        return Status(404, {"detail": _("Belum ada izin.")})
    try:
        permit = issuance.collect_electronically(application, request.auth)
    except ActionError as exc:
        return Status(exc.status, {"detail": exc.message, "errors": exc.errors})
    return Status(200, permit)
