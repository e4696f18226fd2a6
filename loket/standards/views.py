"""Public pages of the standards (no login): catalogue, standard page, standard PDF."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from loket.core.roles import role_label
from loket.lib.pdf import render_pdf
from loket.standards.models import Service


def catalogue(request):
    services = Service.objects.filter(current__isnull=False).select_related("office", "current")
    return render(request, "standards/catalogue.html", {"services": services})


def _context(office, code):
    service = get_object_or_404(
        Service.objects.select_related("office", "current"),
        office__code=office,
        code=code,
        current__isnull=False,
    )
    spec = service.current.spec
    steps = [
        {"step": s, "role": role_label(s.role), "with_roles": [role_label(r) for r in s.with_roles]}
        for s in spec.steps
    ]
    return {
        "service": service,
        "version": service.current,
        "spec": spec,
        "steps": steps,
        "pelayanan": spec.components("pelayanan"),
        "pengelolaan": spec.components("pengelolaan"),
    }


def detail(request, office, code):
    return render(request, "standards/detail.html", _context(office, code))


def standard_pdf(request, office, code):
    context = _context(office, code)
    pdf = render_pdf("standards/standard_pdf.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="standar-pelayanan-{code}.pdf"'
    return response
