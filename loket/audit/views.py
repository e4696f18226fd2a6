"""The audit trail page for the office's management: browse, filter, export."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from loket.audit import exports
from loket.audit.access import audit_office
from loket.audit.forms import AuditFilterForm, filter_events
from loket.audit.models import AuditEvent, AuditHead
from loket.lib.pages import window

PAGE_SIZE = 100


@login_required
def trail(request):
    office = audit_office(request.user)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = filter_events(AuditEvent.objects.filter(office=office), filters).order_by("-seq")
    fmt = request.GET.get("format")
    if fmt == "csv":
        return exports.csv_response(events, "jejak-audit.csv")
    if fmt == "xlsx":
        return exports.xlsx_response(events, "jejak-audit.xlsx")
    # A window, not a Paginator: counting an office's whole trail (millions of
    # events in a busy year) would cost more than the page.
    page = window(events, request.GET.get("hal"), PAGE_SIZE)
    query = request.GET.copy()
    for key in ("format", "hal"):
        query.pop(key, None)
    return render(
        request,
        "audit/trail.html",
        {
            "form": form,
            "page": page,
            # The filters, for the page links and the exports.
            "keep": query.urlencode(),
            "head": AuditHead.objects.filter(pk=AuditHead.ONE).first(),
        },
    )
