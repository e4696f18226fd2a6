"""Officer and applicant pages of issuance: the signed permit, collection, revocation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.core.errors import ActionError
from loket.core.roles import is_officer
from loket.core.storage import open_private
from loket.lib.uploads import KINDS
from loket.permits import actions, issuance
from loket.permits.access import visible_applications
from loket.permits.actions import Upload


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
    response = HttpResponse(issuance.signed_pdf(permit), content_type="application/pdf")
    filename = "izin-" + permit.number.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
        messages.success(request, _("Penyerahan izin dicatat; berkas selesai."))
    return redirect("permits:detail", pk)


@require_POST
@login_required
def revoke(request, pk):
    application, permit = _visible_permit(request, pk)
    try:
        issuance.revoke_permit(permit, request.user, request.POST.get("reason", ""))
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Izin dicabut."))
    return redirect("permits:detail", pk)


@require_POST
@login_required
def redraft(request, pk):
    application = get_object_or_404(visible_applications(request.user), pk=pk)
    try:
        issuance.regenerate_draft(application, request.user, request.POST.get("reason", ""))
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Draf dicetak ulang; paraf diulang dari langkah pertama."))
    return redirect("permits:detail", pk)
