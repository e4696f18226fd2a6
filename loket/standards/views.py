"""Public pages of the standards (no login): catalogue, standard page, standard PDF."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from loket.core.roles import role_label
from loket.lib.pdf import render_record_pdf
from loket.lib.responses import inline_pdf
from loket.standards.models import Service
from loket.standards.spec import ALL_KINDS


def catalogue(request):
    """Every published service, grouped by sector; `q` filters by name (any words)."""
    query = request.GET.get("q", "")[:100].strip()
    services = (
        Service.objects.filter(current__isnull=False)
        .select_related("office", "current")
        .defer("current__data")  # read through the parsed-standard cache
        .order_by("name")
    )
    for word in query.split()[:8]:
        services = services.filter(name__icontains=word)
    sectors = {}
    for service in services:
        sector = service.current.spec.sector_name or _("Lainnya")
        sectors.setdefault(sector, []).append(service)
    return render(
        request,
        "standards/catalogue.html",
        {"sectors": sorted(sectors.items()), "query": query, "count": len(services)},
    )


def _components(spec, group):
    # Every component gets an `items` list: a template asking a dict for a missing
    # "items" key would get dict.items and print its (key, value) pairs.
    return [{**c, "items": c.get("items") or []} for c in spec.components(group)]


def _requirements(spec):
    return [
        {
            "name": r.name,
            "mandatory": r.mandatory,
            "only_for": ""
            if r.applies_to is ALL_KINDS or set(r.applies_to) >= {k.code for k in spec.kinds}
            else ", ".join(spec.kind_name(k) for k in r.applies_to),
        }
        for r in spec.requirements
    ]


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
        "pelayanan": _components(spec, "pelayanan"),
        "pengelolaan": _components(spec, "pengelolaan"),
        "requirements": _requirements(spec),
    }


def detail(request, office, code):
    return render(request, "standards/detail.html", _context(office, code))


def standard_pdf(request, office, code):
    context = _context(office, code)
    pdf = render_record_pdf("standards/standard_pdf.html", context)
    return inline_pdf(pdf, f"standar-pelayanan-{code}.pdf")
