"""Officer and applicant pages of issuance: the signed permit, collection, revocation."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_POST

from loket.core.errors import ActionError
from loket.core.roles import acts_as, is_officer, office_of
from loket.core.storage import open_private
from loket.lib.responses import inline_pdf, pdf_download
from loket.lib.signing import pdf_sha256
from loket.lib.signing_backends import (
    PASSPHRASE,
    TOTP,
    NotRegistered,
    Secret,
    SigningUnavailable,
)
from loket.lib.uploads import KINDS
from loket.permits import actions, issuance, issuance_certificates, issuance_signing, outcomes
from loket.permits.access import visible_applications
from loket.permits.actions import Upload
from loket.permits.models import SignatureAct, SigningCertificate
from loket.permits.views import confirmed


def _visible_permit(request, pk):
    application = get_object_or_404(
        visible_applications(request.user).select_related("permit", "applicant"), pk=pk
    )
    permit = getattr(application, "permit", None)
    if permit is None or not permit.stored_name:
        raise Http404
    return application, permit


def _report(request, exc):
    messages.error(request, exc.message)
    for message in exc.errors.values():
        messages.error(request, message)


@login_required
def signed_pdf(request, pk):
    """The signed permit, to the applicant and the office. Only serves the file: the
    applicant says they received it with `received` (a GET never writes)."""
    _application, permit = _visible_permit(request, pk)
    return pdf_download(issuance.signed_pdf(permit), issuance.permit_filename(permit))


@login_required
def proxy_document(request, pk):
    application, permit = _visible_permit(request, pk)
    if not permit.proxy_document or not is_officer(request.user):
        raise Http404
    name = permit.proxy_document
    # Named and typed from the stored name, whatever the storage's file object carries.
    return FileResponse(
        open_private(name), content_type=KINDS[name.rsplit(".", 1)[-1]], filename=name
    )


@require_POST
@login_required
def received(request, pk):
    """Step 9 online: the applicant states they have received their permit."""
    application, _permit = _visible_permit(request, pk)
    try:
        issuance.collect_electronically(application, request.user)
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Penerimaan izin dicatat; berkas selesai."))
    return redirect("permits:detail", pk)


@require_POST
@login_required
def collect(request, pk):
    """Step 9 at the counter: who received the permit, with a proxy's power of attorney."""
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    upload = request.FILES.get("proxy")
    proxy = None
    if upload is not None:
        if upload.size > settings.UPLOAD_MAX_BYTES:
            messages.error(request, _("Surat kuasa terlalu besar."))
            return redirect("permits:detail", pk)
        proxy = Upload(requirement="surat_kuasa", name=upload.name, data=upload.read())
    try:
        step_no = int(request.POST.get("step_no", ""))
    except ValueError:
        step_no = None
    try:
        actions.complete_step(
            application,
            request.user,
            step_no,
            received_by=request.POST.get("received_by", ""),
            proxy=proxy,
        )
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(
            request,
            _("Penyerahan izin dicatat; berkas %(reg)s selesai.") % {"reg": application.reg_number},
        )
    return redirect("permits:detail", pk)


@require_POST
@login_required
def revoke(request, pk):
    application, permit = _visible_permit(request, pk)
    try:
        confirmed(request)
        issuance.revoke_permit(permit, request.user, request.POST.get("reason", ""))
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(
            request,
            _(
                "Izin %(number)s dicabut. Halaman verifikasinya kini menyatakan izin ini "
                "dicabut beserta alasannya."
            )
            % {"number": permit.number},
        )
    return redirect("permits:detail", pk)


@require_POST
@login_required
def redraft(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    try:
        confirmed(request)
        issuance.regenerate_draft(application, request.user, request.POST.get("reason", ""))
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Draf dicetak ulang; paraf diulang dari langkah pertama."))
    return redirect("permits:detail", pk)


# --- step 7: the signer's own signature ----------------------------------------------


def _signing_file(request, pk):
    """The file at its sign step, for an officer who holds that step's role."""
    application = get_object_or_404(
        visible_applications(request.user).select_related("version", "office"), pk=pk
    )
    step = application.step if application.is_open else None
    if (
        step is None
        or step.kind != "sign"
        or not acts_as(request.user, step.role, application.office)
    ):
        raise Http404
    return application, step


def _capacity(request):
    capacity = request.GET.get("sebagai", request.POST.get("capacity", ""))
    return capacity if capacity in issuance_signing.CAPACITY_PREFIX else ""


@login_required
def document_to_sign(request, pk):
    """The exact PDF the signer is asked to sign (GET: renders, stores nothing)."""
    application, _step = _signing_file(request, pk)
    pdf, _boxes, _code = issuance_signing.document_to_sign(
        application, request.user, _capacity(request)
    )
    return inline_pdf(pdf, f"akan-ditandatangani-{pk}.pdf")


@sensitive_variables("secret", "value")
@sensitive_post_parameters("passphrase", "totp")
@login_required
def sign(request, pk):
    """GET: the document, its SHA-256 and the form. POST: sign it with the typed secret."""
    application, step = _signing_file(request, pk)
    capacity = _capacity(request)
    certificate = SigningCertificate.objects.filter(
        officer=request.user, status=SigningCertificate.ACTIVE
    ).first()
    if request.method == "POST":
        kind = TOTP if request.POST.get("secret_kind") == TOTP else PASSPHRASE
        value = request.POST.get(kind, "")
        secret = Secret(kind, value)
        try:
            actions.complete_step(
                application,
                request.user,
                step.no,
                document_sha256=request.POST.get("document_sha256", ""),
                secret=secret,
                capacity=capacity,
                confirmed=request.POST.get("confirmed") == "1",
            )
        except ActionError as exc:
            _report(request, exc)
        else:
            messages.success(
                request,
                _("Dokumen ditandatangani secara elektronik.")
                + " "
                + outcomes.after_step(application),
            )
            return redirect("permits:detail", pk)
    pdf, _boxes, code = issuance_signing.document_to_sign(application, request.user, capacity)
    expiring = certificate is not None and certificate.not_after <= timezone.now() + timedelta(
        days=settings.SIGNING_EXPIRY_WARNING_DAYS
    )
    return render(
        request,
        "permits/sign.html",
        {
            "application": application,
            "step": step,
            "document_sha256": pdf_sha256(pdf),
            "verify_code": code,
            "capacity": capacity,
            "capacities": SignatureAct.CAPACITIES,
            "certificate": certificate,
            "expiring": expiring,
            "uses_totp": certificate is not None and certificate.backend == SigningCertificate.BSRE,
        },
    )


@require_POST
@login_required
def request_code(request, pk):
    """Ask the signing service to send the signer a one-time code (BSrE only)."""
    application, _step = _signing_file(request, pk)
    certificate = SigningCertificate.objects.filter(
        officer=request.user, status=SigningCertificate.ACTIVE, backend=SigningCertificate.BSRE
    ).first()
    if certificate is None:
        messages.error(request, _("Kode sekali pakai hanya untuk sertifikat BSrE."))
        return redirect("issuance:sign", pk)
    try:
        issuance_signing.backend(SigningCertificate.BSRE).request_totp(certificate.identity)
    except (SigningUnavailable, NotRegistered) as exc:
        messages.error(request, _("Kode tidak dapat dikirim: %(why)s") % {"why": exc})
    else:
        messages.success(request, _("Kode sekali pakai dikirim ke aplikasi Anda."))
    return redirect("issuance:sign", pk)


@login_required
def certificates(request):
    """The office's signing certificates with their expiry (officers only)."""
    office = office_of(request.user)
    if office is None or not is_officer(request.user):
        raise Http404
    rows = (
        SigningCertificate.objects.filter(office=office)
        .select_related("officer")
        .order_by("status", "not_after")
    )
    soon = timezone.now() + timedelta(days=settings.SIGNING_EXPIRY_WARNING_DAYS)
    return render(
        request,
        "permits/certificates.html",
        {
            "certificates": rows,
            "soon": soon,
            "now": timezone.now(),
            "expiring": issuance_certificates.expiring(office),
            "warning_days": settings.SIGNING_EXPIRY_WARNING_DAYS,
        },
    )
