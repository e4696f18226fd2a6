"""Control cards collected as one PDF: of one file, or of every file of a period
(the standard: cards are collected at any time, or when an applicant complains)."""

from django.db.models import Prefetch

from loket.core.roles import role_label
from loket.lib.pdf import render_pdf
from loket.permits.models import Application, ControlCardEntry

# A period's cards are printed on paper; past this many files, narrow the filter.
MAX_FILES = 500


def _rows(application, specs):
    spec = specs.setdefault(application.version_id, application.version.spec)
    return [
        {"entry": e, "step": spec.step(e.step_no), "role": role_label(e.role)}
        for e in application.card_entries.all()
    ]


def cards_pdf(applications):
    """One PDF with the control card of each file in `applications`, a page per file."""
    applications = (
        applications.select_related("version__service", "applicant", "office")
        .defer("version__data")  # each file's spec comes from the parsed cache
        .prefetch_related(
            Prefetch("card_entries", queryset=ControlCardEntry.objects.order_by("at", "pk"))
        )
        .order_by("filed_at", "pk")[:MAX_FILES]
    )
    specs = {}
    files = [
        {"application": a, "card": _rows(a, specs), "spec": specs[a.version_id]}
        for a in applications
    ]
    return render_pdf("reports/cards_pdf.html", {"files": files})


def files_of_period(office, start, end, service=None):
    files = Application.objects.filter(office=office, filed_at__gte=start, filed_at__lt=end)
    if service is not None:
        files = files.filter(version__service=service)
    return files
