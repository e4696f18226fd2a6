"""Public verification of a permit: /v/<code>, no login; shows only what a checker needs."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from loket.lib.nik import mask_nik
from loket.lib.ratelimit import rate_limited
from loket.permits.issuance import check_upload, permit_status, valid_until
from loket.permits.models import Permit


def public_permit(code):
    """The permit behind a verification code, with what the public may see of it."""
    # One query reading only what is shown (and the hash the upload check needs);
    # the code is unique, so no ordering.
    found = (
        Permit.objects.select_related("application__applicant", "office")
        .filter(verify_code=code)
        .only(
            "number",
            "numbered_at",
            "status",
            "sha256",
            "revoked_at",
            "revoke_reason",
            "office__name",
            "application__workplace_name",
            "application__workplace_address",
            "application__str_number",
            "application__str_valid_until",
            "application__applicant__full_name",
            "application__applicant__nik",
        )[:1]
    )
    if not found:
        return None, None
    permit = found[0]
    application = permit.application
    return permit, {
        "number": permit.number,
        "holder": application.applicant.full_name,
        "nik": mask_nik(application.applicant.nik),
        "workplace_name": application.workplace_name,
        "workplace_address": application.workplace_address,
        "str_number": application.str_number,
        "issued_on": permit.numbered_at,
        "valid_until": valid_until(permit),
        "status": permit_status(permit),
        "revoked_at": permit.revoked_at,
        "revoke_reason": permit.revoke_reason,
        "office": permit.office.name,
    }


@require_http_methods(["GET", "POST"])
@rate_limited("verify", methods=None)
@rate_limited("verify_check")
def verify(request, code):
    permit, shown = public_permit(code)
    if permit is None:
        raise Http404
    result = None
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("pdf")
        if upload is None:
            error = _("Pilih berkas PDF izin yang akan diperiksa.")
        elif upload.size > settings.UPLOAD_MAX_BYTES:
            error = _("Berkas terlalu besar untuk sebuah izin.")
        else:
            result = check_upload(permit, upload.read())
    return render(
        request,
        "permits/verify/permit.html",
        {"permit": permit, "shown": shown, "result": result, "error": error},
    )
