"""HTML views of the complaints app: each parses input, calls one action, renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.accounts.views import add_action_errors
from loket.complaints import actions, exports, outcomes, queries
from loket.complaints.access import may_record, visible_attachments, visible_complaints
from loket.complaints.config import complaint_settings
from loket.complaints.forms import (
    AnswerForm,
    CompileReportForm,
    CoordinationForm,
    DeliveryForm,
    PublicComplaintForm,
    RecordComplaintForm,
    RegisterFilterForm,
    ReviewForm,
    WeighForm,
)
from loket.complaints.models import INTERNET, MonthlyReport, QuarantinedEmail
from loket.core.actionviews import act_and_return
from loket.core.errors import ActionError
from loket.core.identity import first_office
from loket.core.roles import (
    KEPALA_BIDANG,
    KEPALA_DINAS,
    PENGELOLA_PENGADUAN,
    SEKRETARIS,
    office_of,
    roles_of,
)
from loket.core.storage import open_private
from loket.lib import ratelimit
from loket.lib.responses import download, inline_pdf

REGISTER_ROLES = {PENGELOLA_PENGADUAN, SEKRETARIS, KEPALA_DINAS, KEPALA_BIDANG}
REPORT_ROLES = {PENGELOLA_PENGADUAN, SEKRETARIS, KEPALA_DINAS}


def _too_many(request):
    response = render(request, "complaints/too_many.html", status=429)
    response["Retry-After"] = "600"
    return response


def _officer_office(request, allowed=None):
    office = office_of(request.user)
    if office is None or (allowed and not roles_of(request.user) & allowed):
        raise Http404
    return office


def new(request):
    """The public complaint form: no login, identity optional."""
    office = first_office()
    if office is None:
        raise Http404
    form = PublicComplaintForm(
        request.POST or None,
        request.FILES or None,
        types=complaint_settings(office).types,
        office=office,
    )
    if request.method == "POST":
        if not ratelimit.allow(request, "complaint_file"):
            return _too_many(request)
        if form.is_valid():
            try:
                complaint = actions.file_complaint(
                    office, form.intake(), channel=INTERNET, user=request.user
                )
            except ActionError as exc:
                add_action_errors(form, exc)
            else:
                return render(request, "complaints/filed.html", {"complaint": complaint})
    return render(request, "complaints/new.html", {"form": form, "office": office})


def track(request):
    """Public tracking by ticket number and tracking code."""
    ticket = request.GET.get("ticket", "").strip()
    code = request.GET.get("code", "").strip().upper()
    complaint = None
    if ticket or code:
        if not ratelimit.allow(request, "complaint_track"):
            return _too_many(request)
        complaint = queries.track(ticket, code)
        if complaint is None:
            messages.error(
                request, _("Pengaduan tidak ditemukan. Periksa nomor tiket dan kode lacak.")
            )
    return render(
        request, "complaints/track.html", {"complaint": complaint, "ticket": ticket, "code": code}
    )


@login_required
def mine(request):
    complaints = visible_complaints(request.user).filter(user=request.user)
    return render(request, "complaints/mine.html", {"complaints": complaints})


@login_required
def inbox(request):
    office = _officer_office(request)
    data = queries.inbox(office, request.user, roles_of(request.user))
    return render(request, "complaints/inbox.html", {"office": office, **data})


@login_required
def record(request):
    office = _officer_office(request)
    if not may_record(request.user, office):
        raise Http404
    form = RecordComplaintForm(
        request.POST or None,
        request.FILES or None,
        types=complaint_settings(office).types,
        office=office,
    )
    if request.method == "POST" and form.is_valid():
        try:
            complaint = actions.file_complaint(
                office, form.intake(), channel=form.cleaned_data["channel"], by=request.user
            )
        except ActionError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(
                request,
                _("Pengaduan dicatat: %(t)s, kode lacak %(c)s.")
                % {"t": complaint.ticket, "c": complaint.tracking_code},
            )
            return redirect(complaint)
    return render(request, "complaints/record.html", {"form": form})


def _complaint(request, pk):
    return get_object_or_404(
        visible_complaints(request.user).select_related("office", "application"), pk=pk
    )


@login_required
def detail(request, pk):
    complaint = _complaint(request, pk)
    context = queries.detail_context(complaint, request.user)
    context.update(
        weigh_form=WeighForm(initial={"weight": complaint.weight}),
        coordination_form=CoordinationForm(),
        answer_form=AnswerForm(initial={"answer": complaint.decision}),
        delivery_form=DeliveryForm(methods=context["methods"]),
    )
    return render(request, "complaints/detail.html", context)


def _act(request, pk, do, what):
    complaint = _complaint(request, pk)
    return act_and_return(
        request,
        lambda: do(complaint, request.POST),
        "complaints:detail",
        pk,
        done=lambda: outcomes.after(complaint.pk, what),
    )


@require_POST
@login_required
def weigh(request, pk):
    return _act(
        request,
        pk,
        lambda c, p: actions.weigh(c, request.user, p.get("weight"), p.get("reason")),
        outcomes.WEIGHED,
    )


@require_POST
@login_required
def coordinate(request, pk):
    def do(complaint, post):
        form = CoordinationForm(post)
        form.is_valid()
        data = form.cleaned_data
        actions.coordinate(
            complaint,
            request.user,
            post.get("note", ""),
            role=post.get("role") or None,
            partner=data.get("partner", ""),
            partner_name=data.get("partner_name", ""),
            coordinated_on=data.get("coordinated_on"),
        )

    return _act(request, pk, do, outcomes.COORDINATED)


@require_POST
@login_required
def answer(request, pk):
    return _act(
        request,
        pk,
        lambda c, p: actions.answer(c, request.user, p.get("answer", "")),
        outcomes.ANSWERED,
    )


@require_POST
@login_required
def deliver(request, pk):
    return _act(
        request,
        pk,
        lambda c, p: actions.record_delivery(c, request.user, p.get("method"), p.get("note")),
        outcomes.DELIVERED,
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def letter_pdf(request, pk):
    complaint = _complaint(request, pk)
    if not complaint.answer or office_of(request.user) is None:
        raise Http404
    return inline_pdf(exports.reply_letter_pdf(complaint), f"surat-balasan-{complaint.ticket}.pdf")


@login_required
def attachment(request, pk):
    att = get_object_or_404(visible_attachments(request.user), pk=pk)
    content_type = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}[att.kind]
    response = FileResponse(open_private(att.stored_name), content_type=content_type)
    response["Content-Disposition"] = "inline"
    return response


@login_required
def quarantine(request):
    """Emails the mailbox reading could not read, for the complaint clerk; ?pesan=<id>
    downloads one as it arrived (an .eml to open in a mail program)."""
    office = _officer_office(request, {PENGELOLA_PENGADUAN})
    kept = QuarantinedEmail.objects.filter(office=office)
    wanted = request.GET.get("pesan")
    if wanted is not None:
        if not wanted.isdigit():
            raise Http404
        message = get_object_or_404(kept, pk=int(wanted))
        return download(bytes(message.raw), f"karantina-{message.pk}.eml", "message/rfc822")
    rows = kept.defer("raw")[:200]
    return render(request, "complaints/quarantine.html", {"office": office, "rows": rows})


@login_required
def register(request):
    office = _officer_office(request, REGISTER_ROLES)
    form = RegisterFilterForm(request.GET or None, types=complaint_settings(office).types)
    filters = form.cleaned_data if form.is_valid() else {}
    entries = queries.register_entries(office, filters, history=filters.get("history", False))
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "pdf"):
        # An export is the whole (filtered) book, not the page on screen.
        rows = queries.register_rows(entries, request.user, office)
        if fmt == "xlsx":
            return download(exports.register_xlsx(rows, office), "buku-pengaduan.xlsx", XLSX)
        return inline_pdf(exports.register_pdf(rows, office, filters), "buku-pengaduan.pdf")
    # On screen, newest first and a page at a time: an office with tens of thousands
    # of lines still answers fast.
    page = queries.register_page(entries, request.GET.get("hal"))
    query = request.GET.copy()
    query.pop("format", None)
    query.pop("hal", None)
    return render(
        request,
        "complaints/register.html",
        {
            "form": form,
            "rows": queries.register_rows(page.object_list, request.user, office),
            "page": page,
            "keep": query.urlencode(),
        },
    )


@login_required
def reports(request):
    office = _officer_office(request, REPORT_ROLES)
    form = CompileReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = actions.compile_report(
                office,
                request.user,
                form.cleaned_data["year"],
                form.cleaned_data["month"],
                form.cleaned_data.get("note", ""),
            )
        except ActionError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Laporan disusun."))
            return redirect(report)
    items = MonthlyReport.objects.filter(office=office)
    return render(request, "complaints/reports.html", {"form": form, "reports": items})


def _report(request, pk):
    office = _officer_office(request, REPORT_ROLES)
    return get_object_or_404(MonthlyReport.objects.filter(office=office), pk=pk)


@login_required
def report(request, pk):
    item = _report(request, pk)
    versions = item.versions.prefetch_related("reviews__by").select_related("compiled_by")
    return render(
        request,
        "complaints/report.html",
        {
            "report": item,
            "versions": versions,
            "latest": item.latest,
            "review_form": ReviewForm(),
            "compile_form": CompileReportForm(initial={"year": item.year, "month": item.month}),
            "roles": roles_of(request.user),
        },
    )


@require_POST
@login_required
def report_action(request, pk, what):
    item = _report(request, pk)
    try:
        if what == "submit":
            actions.submit_report(item, request.user)
        elif what == "review":
            actions.review_report(
                item, request.user, request.POST.get("decision"), request.POST.get("notes", "")
            )
        elif what == "receive":
            actions.acknowledge_report(item, request.user)
        else:
            raise Http404
    except ActionError as exc:
        messages.error(request, exc.message)
        for message in exc.errors.values():
            messages.error(request, message)
    else:
        messages.success(request, _("Tersimpan."))
    return redirect(item)


@login_required
def report_file(request, pk, number, fmt):
    item = _report(request, pk)
    version = get_object_or_404(item.versions, number=number)
    name = f"laporan-pengaduan-{item.year}-{item.month:02d}-v{number}"
    if fmt == "pdf":
        return inline_pdf(exports.report_pdf(version), f"{name}.pdf")
    if fmt == "xlsx":
        return download(exports.report_xlsx(version), f"{name}.xlsx", XLSX)
    raise Http404
