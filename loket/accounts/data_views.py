"""An applicant's own data (right of access), and the counter's correction of it.

The export is a download, not a page meant for sharing: it is never cached, and the
JSON is the same data the PDF shows.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from loket.accounts import actions
from loket.accounts.forms import IdentityCorrectionForm
from loket.accounts.models import Applicant
from loket.accounts.queries import applicant_of_file
from loket.accounts.views import add_action_errors
from loket.core.errors import ActionError
from loket.lib.pdf import render_pdf
from loket.lib.responses import download, pdf_download


def _own_applicant(request):
    applicant = Applicant.objects.select_related("office").filter(user_id=request.user.pk).first()
    if applicant is None:
        raise Http404
    return applicant


@login_required
def my_data(request):
    applicant = _own_applicant(request)
    return render(request, "accounts/my_data.html", {"applicant": applicant})


def _export(request, fmt):
    try:
        applicant, data = actions.export_personal_data(request.user, fmt)
    except ActionError as exc:
        raise Http404 from exc
    stamp = timezone.localdate().isoformat()
    return applicant, data, f"data-saya-{stamp}.{fmt}"


@never_cache
@login_required
def my_data_json(request):
    _applicant, data, filename = _export(request, "json")
    return download(json.dumps(data, ensure_ascii=False, indent=2), filename, "application/json")


@never_cache
@login_required
def my_data_pdf(request):
    applicant, data, filename = _export(request, "pdf")
    pdf = render_pdf("accounts/pdf/my_data.html", {"data": data, "applicant": applicant})
    return pdf_download(pdf, filename)


@login_required
def correct_identity(request, pk):
    """The Front Office corrects the identity of the applicant of file `pk`."""
    found = applicant_of_file(request.user, pk)
    if found is None:
        raise Http404
    applicant, application = found
    initial = {f: getattr(applicant, f) for f in actions.IDENTITY_FIELDS}
    initial["requested_at"] = timezone.localtime().replace(second=0, microsecond=0)
    form = IdentityCorrectionForm(
        request.POST or None, initial=initial, office=application.office, prefix="p"
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_applicant_identity(
                applicant,
                form.cleaned_data,
                by=request.user,
                requested_at=form.cleaned_data["requested_at"],
            )
        except ActionError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Data pemohon dikoreksi dan dicatat."))
            return redirect("permits:detail", pk)
    return render(
        request,
        "accounts/correct_identity.html",
        {"form": form, "application": application, "applicant": applicant},
    )
