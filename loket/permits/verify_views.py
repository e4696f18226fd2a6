"""Public verification of a permit: /v/<code>, no login; shows only what a checker needs."""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from loket.lib.nik import mask_nik
from loket.lib.ratelimit import rate_limited
from loket.permits.answers import answer_rows
from loket.permits.issuance import check_upload, status_on
from loket.permits.models import Application, Permit, SignatureAct
from loket.standards.models import cached_spec


@dataclass(frozen=True)
class Issued:
    """What an uploaded PDF is compared with (issuance.check_upload reads sha256)."""

    sha256: str


PUBLIC_FIELDS = (
    "number",
    "numbered_at",
    "status",
    "sha256",
    "revoked_at",
    "revoke_reason",
    "office__name",
    "valid_until",
    "application__kind",
    "application__answers",
    "application__personal_answers",
    "application__version_id",
    "application__version__source_sha256",
    "application__version__loaded_at",
    "application__applicant__full_name",
    "application__applicant__nik",
)


def public_permit(code):
    """The permit behind a verification code, with what the public may see of it.

    The busiest page of a nationwide service: one query for plain values (no model
    instances), the code being unique, no ordering.
    """
    found = Permit.objects.filter(verify_code=code).values(*PUBLIC_FIELDS)[:1]
    if not found:
        return None, None
    row = found[0]
    until = row["valid_until"]
    return Issued(sha256=row["sha256"]), {
        "number": row["number"],
        "holder": row["application__applicant__full_name"],
        "nik": mask_nik(row["application__applicant__nik"]),
        "fields": _shown(row),
        "issued_on": row["numbered_at"],
        "valid_until": until,
        "status": status_on(row["status"], until),
        "revoked_at": row["revoked_at"],
        "revoke_reason": row["revoke_reason"],
        "office": row["office__name"],
    }


def _shown(row):
    """The answers the standard shows on this page, personal ones masked."""
    spec = cached_spec(
        row["application__version_id"],
        row["application__version__source_sha256"],
        row["application__version__loaded_at"],
    )
    file = Application(
        kind=row["application__kind"],
        answers=row["application__answers"],
        personal_answers=row["application__personal_answers"],
    )
    file.spec_override = spec
    return answer_rows(file, place="verification", mask_personal=True)


def signer_role(code):
    """The capacity the permit was signed in (Kepala Dinas, Plt., Plh.), shown after the
    signer's name: the certificate names the person, the signature act the role."""
    capacity = (
        SignatureAct.objects.filter(verify_code=code)
        .order_by("-signed_at")
        .values_list("capacity", flat=True)
        .first()
    )
    return "" if capacity is None else str(dict(SignatureAct.CAPACITIES)[capacity])


# No CSRF token on the PDF check: it changes nothing and answers only the one who
# posts it, so a forged post gains nothing, and a token would set a cookie on every
# verification of a printed permit (docs/security.md).
@csrf_exempt
@require_http_methods(["GET", "POST"])
@rate_limited("verify", methods=None)
@rate_limited("verify_check")
def verify(request, code):
    permit, shown = public_permit(code)
    if permit is None:
        # Loket's 404 page, saying what a checker holding a printed permit should do.
        context = {
            "detail_heading": _("Izin tidak ditemukan"),
            "detail": _(
                "Tidak ada izin dengan kode verifikasi ini. Periksa kembali kode yang Anda "
                "ketik, atau pindai ulang kode QR pada izin. Izin yang kodenya tidak dikenal "
                "tidak dapat dianggap sah."
            ),
        }
        return render(request, "404.html", context, status=404)
    result = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            error = _("Pilih berkas PDF izin yang akan diperiksa.")
        elif upload.size > settings.UPLOAD_MAX_BYTES:
            error = _("Berkas terlalu besar untuk sebuah izin.")
        else:
            result = check_upload(permit, upload.read(), shown["status"])
            if result["genuine"]:
                result["signer_role"] = signer_role(code)
    return render(
        request,
        "permits/verify/permit.html",
        {"permit": permit, "shown": shown, "result": result, "error": error},
    )
