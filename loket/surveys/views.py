"""Survey pages: the public form (by token, QR or kiosk), the applicant's list, and the
SKM report with its follow-up plan for the office's management."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from loket.accounts.views import add_action_errors
from loket.core.errors import ActionError
from loket.core.report_access import STAFF_ROLES, report_office
from loket.core.roles import SEKRETARIS, acts_as
from loket.lib.exports import XLSX
from loket.lib.qr import qr_svg_data_uri
from loket.lib.ratelimit import rate_limited
from loket.lib.responses import download, inline_pdf
from loket.standards.models import Service
from loket.surveys import actions, kiosks, periods, queries, report
from loket.surveys.forms import FollowUpForm, SurveyForm
from loket.surveys.models import FollowUpItem, KioskDevice, SurveyInvitation, SurveyResponse


def _service(office_code, code):
    return get_object_or_404(
        Service.objects.select_related("office"), office__code=office_code, code=code
    )


def _submit(request, form, do):
    """Run the submit action; on success True, else errors are on the form."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        do(form.cleaned_data)
    except ActionError as exc:
        add_action_errors(form, exc)
        if exc.status == 409:
            messages.error(request, exc.message)
        return False
    return True


@rate_limited("survey")
def invited(request, token):
    invitation = get_object_or_404(
        SurveyInvitation.objects.select_related("application__version__service__office"),
        token=token,
    )
    service = invitation.application.version.service
    if invitation.used_at is not None:
        return render(
            request, "surveys/used.html", {"invitation": invitation, "service": service}, status=409
        )
    form = SurveyForm(request.POST or None)
    if _submit(request, form, lambda data: actions.submit_by_token(token, data)):
        return redirect("surveys:thanks")
    return render(
        request,
        "surveys/form.html",
        {"form": form, "service": service, "application": invitation.application},
    )


@rate_limited("survey")
def fill(request, office, code):
    """The public form a counter QR code points to: anonymous, so held apart and not
    counted, unless it is answered on a registered kiosk."""
    service = _service(office, code)
    device = kiosks.device_of(request, service.office_id)
    form = SurveyForm(request.POST or None)
    if _submit(
        request,
        form,
        lambda data: actions.submit_anonymous(service, data, SurveyResponse.QR, device),
    ):
        return redirect("surveys:thanks")
    return render(
        request,
        "surveys/form.html",
        {"form": form, "service": service, "unregistered": device is None},
    )


@rate_limited("survey_kiosk")
def kiosk(request, office, code):
    """Counter kiosk: counted when the browser is a kiosk an officer registered, and
    back to an empty form after each response."""
    service = _service(office, code)
    device = kiosks.device_of(request, service.office_id)
    form = SurveyForm(request.POST or None)
    if _submit(
        request,
        form,
        lambda data: actions.submit_anonymous(service, data, SurveyResponse.KIOSK, device),
    ):
        return redirect(reverse("surveys:kiosk", args=[office, code]) + "?terima-kasih=1")
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "service": service,
            "kiosk": True,
            "unregistered": device is None,
            "thanked": "terima-kasih" in request.GET and request.method == "GET",
        },
    )


def _kiosk_office(request):
    office = report_office(request.user, frozenset(actions.KIOSK_ROLES))
    return office


@login_required
def kiosk_devices(request):
    """The office's registered kiosks (register this browser, revoke one) and the
    responses held back for review."""
    office = _kiosk_office(request)
    if request.method == "POST":
        try:
            device, token = actions.register_kiosk(office, request.user, request.POST.get("name"))
        except ActionError as exc:
            messages.error(request, exc.message)
            return redirect("surveys:kiosk_devices")
        messages.success(
            request,
            _("Peramban ini terdaftar sebagai kios survei “%(name)s”. Jawaban dari sini dihitung.")
            % {"name": device.name},
        )
        return kiosks.set_cookie(redirect("surveys:kiosk_devices"), token)
    current = kiosks.device_of(request, office.pk)
    held = (
        SurveyResponse.objects.filter(office=office, counted=False)
        .exclude(held=SurveyResponse.ANONYMOUS)
        .select_related("device", "service")
        .order_by("-submitted_at")[:100]
    )
    anonymous = SurveyResponse.objects.filter(
        office=office, counted=False, held=SurveyResponse.ANONYMOUS
    ).count()
    return render(
        request,
        "surveys/kiosk_devices.html",
        {
            "devices": KioskDevice.objects.filter(office=office).select_related(
                "registered_by", "revoked_by"
            ),
            "current": current,
            "held": held,
            "anonymous": anonymous,
            "services": Service.objects.filter(office=office).order_by("name"),
        },
    )


@login_required
@require_POST
def revoke_kiosk(request, pk):
    office = _kiosk_office(request)
    device = get_object_or_404(KioskDevice, pk=pk, office=office)
    try:
        actions.revoke_kiosk(device, request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kios “%(name)s” dicabut.") % {"name": device.name})
    return redirect("surveys:kiosk_devices")


@login_required
@require_POST
def accept_held(request, pk):
    office = _kiosk_office(request)
    response = get_object_or_404(SurveyResponse, pk=pk, office=office)
    try:
        actions.accept_held(response, request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Jawaban dihitung dalam IKM."))
    return redirect("surveys:kiosk_devices")


def thanks(request):
    return render(request, "surveys/thanks.html")


def qr_poster(request, office, code):
    """A printable poster for the counter: the QR code of the public form."""
    service = _service(office, code)
    url = settings.SITE_URL + reverse("surveys:fill", args=[office, code])
    return render(
        request, "surveys/qr.html", {"service": service, "url": url, "qr": qr_svg_data_uri(url)}
    )


@login_required
def mine(request):
    """The applicant's finished files, each with its survey link. Reads only: files
    finished before surveys existed get theirs from the daily job
    (loket.surveys.tasks.ensure_survey_invitations)."""
    invitations = (
        SurveyInvitation.objects.filter(
            application__applicant__user=request.user,
            application__status__in=actions.DONE_STATUSES,
        )
        .select_related("application__version__service")
        .defer("application__version__data")
        .order_by("-created_at")
    )
    return render(request, "surveys/mine.html", {"invitations": invitations})


def _report_scope(request):
    office = report_office(request.user)
    period = queries.resolve_period(office, request.GET.get("periode"))
    service = None
    if request.GET.get("layanan"):
        service = Service.objects.filter(office=office, pk=request.GET["layanan"]).first()
        if service is None:
            raise Http404
    return office, period, service


def _period_choices(office, period):
    choices = periods.recent_periods(timezone.localdate(), queries.period_kind(office), 6)
    if period.key not in {p.key for p in choices}:
        choices.append(period)
    return choices


@login_required
def report_page(request):
    office, period, service = _report_scope(request)
    context = report.with_charts(report.build(office, period, service))
    context["services"] = Service.objects.filter(office=office).order_by("name")
    context["periods"] = _period_choices(office, period)
    context["period_kind"] = queries.period_kind(office)
    context["period_kinds"] = [
        (periods.YEARLY, _("Tahunan")),
        (periods.SEMESTER, _("Semesteran")),
        (periods.QUARTER, _("Triwulanan")),
    ]
    context["can_plan"] = any(acts_as(request.user, r, office) for r in STAFF_ROLES)
    context["query"] = request.GET.urlencode()
    return render(request, "surveys/report.html", context)


@login_required
def report_pdf(request):
    office, period, service = _report_scope(request)
    data = report.pdf_bytes(report.build(office, period, service))
    return inline_pdf(data, f"skm-{period.key}.pdf")


@login_required
def report_xlsx(request):
    office, period, service = _report_scope(request)
    data = report.xlsx_bytes(report.build(office, period, service))
    return download(data, f"skm-{period.key}.xlsx", XLSX)


@login_required
def follow_up(request, pk):
    office = report_office(request.user)
    item = get_object_or_404(FollowUpItem.objects.select_related("service"), pk=pk, office=office)
    form = FollowUpForm(request.POST or None, instance=item)
    if request.method == "POST":
        report_office(request.user, STAFF_ROLES)
        if form.is_valid():
            try:
                actions.update_follow_up(item, request.user, form.cleaned_data)
            except ActionError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, _("Rencana tindak lanjut disimpan."))
                return redirect("surveys:follow_up", item.pk)
    return render(
        request,
        "surveys/follow_up.html",
        {
            "item": item,
            "form": form,
            "can_plan": any(acts_as(request.user, r, office) for r in STAFF_ROLES),
            "can_approve": acts_as(request.user, SEKRETARIS, office),
        },
    )


@login_required
@require_POST
def approve(request, pk):
    office = report_office(request.user)
    item = get_object_or_404(FollowUpItem, pk=pk, office=office)
    try:
        actions.approve_follow_up(item, request.user)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Rencana tindak lanjut disetujui."))
    return redirect("surveys:follow_up", item.pk)


@login_required
@require_POST
def set_period(request):
    office = report_office(request.user)
    try:
        actions.set_period_kind(office, request.user, request.POST.get("period", ""))
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Periode survei disimpan."))
    return redirect("surveys:report")
