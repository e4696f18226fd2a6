"""Report pages for the office's management: supervision, staff performance,
staffing and the head of office's dashboard. Read-only; every figure exports."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from loket.core.report_access import STAFF_ROLES, report_office
from loket.lib.exports import export_response
from loket.lib.responses import inline_pdf
from loket.permits.models import Application
from loket.reports import cards, dashboard, figures, supervision
from loket.standards.models import Service
from loket.surveys import periods
from loket.surveys.queries import bounds


def _scope(request):
    """The office, period (default: this year), service and officer of the filters."""
    office = report_office(request.user)
    try:
        period = periods.parse_period(request.GET.get("periode"))
    except ValueError:
        period = periods.period_containing(timezone.localdate(), periods.YEARLY)
    service = None
    if request.GET.get("layanan"):
        service = Service.objects.filter(office=office, pk=request.GET["layanan"]).first()
        if service is None:
            raise Http404
    officer_id = request.GET.get("petugas") or None
    if officer_id and not str(officer_id).isdigit():
        raise Http404
    return office, period, service, int(officer_id) if officer_id else None


def _period_choices(period):
    today = timezone.localdate()
    choices = []
    for year in range(today.year, today.year - 3, -1):
        choices.append(periods.Period(periods.YEARLY, year, 1))
        choices += [periods.Period(periods.SEMESTER, year, i) for i in (1, 2)]
        choices += [periods.Period(periods.QUARTER, year, i) for i in (1, 2, 3, 4)]
    if period.key not in {p.key for p in choices}:
        choices.append(period)
    return choices


def _filters(request, office, period, service, officer_id, officers=()):
    return {
        "period": period,
        "periods": _period_choices(period),
        "service": service,
        "services": Service.objects.filter(office=office).order_by("name"),
        "officer_id": officer_id,
        "officer_choices": officers,
        "query": request.GET.urlencode(),
    }


@login_required
def supervision_page(request):
    office, period, service, officer_id = _scope(request)
    data = supervision.supervision(office, period, service, officer_id)
    all_officers = (
        supervision.officer_names(supervision.officers_in(office, period, service))
        if not officer_id
        else {
            officer_id: next(
                (r["name"] for r in data["officers"] if r["officer_id"] == officer_id), ""
            )
        }
    )
    context = {
        "data": data,
        "figures": figures.supervision_figures(data),
        **_filters(
            request,
            office,
            period,
            service,
            officer_id,
            sorted(all_officers.items(), key=lambda kv: kv[1]),
        ),
    }
    return render(request, "reports/supervision.html", context)


@login_required
def supervision_export(request, slug, fmt):
    office, period, service, officer_id = _scope(request)
    data = supervision.supervision(office, period, service, officer_id)
    return export_response(
        figures.supervision_figures(data, draw=False), slug, fmt, f"pengawasan-{period.key}"
    )


@login_required
def cards_of_period(request):
    office, period, service, _officer = _scope(request)
    start, end = bounds(period)
    files = cards.files_of_period(office, start, end, service)
    return inline_pdf(cards.cards_pdf(files), f"kartu-kendali-{period.key}.pdf")


@login_required
def card_of_file(request, pk):
    office = report_office(request.user)
    application = get_object_or_404(Application, pk=pk, office=office)
    return inline_pdf(
        cards.cards_pdf(Application.objects.filter(pk=application.pk)),
        f"kartu-kendali-{application.reg_number}.pdf",
    )


@login_required
def performance_page(request):
    office, period, service, officer_id = _scope(request)
    report_office(request.user, STAFF_ROLES)
    data = supervision.supervision(office, period, service, officer_id)
    staffing = dashboard.staffing(office)
    context = {
        "data": data,
        "figures": figures.performance_figures(data),
        "staffing": staffing,
        **_filters(request, office, period, service, officer_id),
    }
    return render(request, "reports/performance.html", context)


@login_required
def performance_export(request, slug, fmt):
    office, period, service, officer_id = _scope(request)
    report_office(request.user, STAFF_ROLES)
    data = supervision.supervision(office, period, service, officer_id)
    figs = figures.performance_figures(data) + [figures.staffing_figure(dashboard.staffing(office))]
    return export_response(figs, slug, fmt, f"kinerja-{period.key}")


@login_required
def dashboard_page(request):
    office = report_office(request.user)
    data = dashboard.build(office)
    return render(
        request,
        "reports/dashboard.html",
        {"data": data, "figures": figures.dashboard_figures(data), "office": office},
    )


@login_required
def dashboard_export(request, slug, fmt):
    office = report_office(request.user)
    data = dashboard.build(office)
    return export_response(figures.dashboard_figures(data, draw=False), slug, fmt, "dasbor")
