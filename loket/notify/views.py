"""Officers' pages: failed messages with a retry button; the letters to print and send."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.core.errors import ActionError
from loket.core.roles import BACK_OFFICE, acts_as, office_of
from loket.core.storage import open_private
from loket.notify import actions, queries
from loket.notify.models import Letter, Outbox


def _office_for(request, roles):
    office = office_of(request.user)
    if office is None or not any(acts_as(request.user, r, office) for r in roles):
        raise Http404
    return office


def _report(request, exc):
    messages.error(request, exc.message)


@login_required
def failed(request):
    office = _office_for(request, actions.OUTBOX_ROLES)
    page = queries.page_of(queries.failed_messages(office), request.GET.get("hal"))
    return render(
        request, "notify/failed.html", {"messages_failed": page.object_list, "page": page}
    )


@require_POST
@login_required
def retry(request, pk):
    office = _office_for(request, actions.OUTBOX_ROLES)
    message = get_object_or_404(Outbox, pk=pk, office=office)
    try:
        actions.retry_message(message, request.user)
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Pesan diantrekan untuk dikirim ulang."))
    return redirect("notify:failed")


@login_required
def letters(request):
    office = _office_for(request, (BACK_OFFICE,))
    page = queries.page_of(queries.letter_queue(office), request.GET.get("hal"))
    return render(request, "notify/letters.html", {"letters": page.object_list, "page": page})


@login_required
def letter_pdf(request, pk):
    office = _office_for(request, (BACK_OFFICE,))
    letter = get_object_or_404(Letter, pk=pk, office=office)
    return FileResponse(
        open_private(letter.stored_name),
        content_type="application/pdf",
        filename=f"surat-pemberitahuan-{letter.pk}.pdf",
    )


@require_POST
@login_required
def letter_sent(request, pk):
    office = _office_for(request, (BACK_OFFICE,))
    letter = get_object_or_404(Letter, pk=pk, office=office)
    try:
        actions.mark_letter_sent(letter, request.user)
    except ActionError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("Pengiriman surat dicatat."))
    return redirect("notify:letters")
