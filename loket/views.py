from django.shortcuts import redirect, render

from loket.complaints.access import is_handler
from loket.complaints.models import CoordinationTask
from loket.core.roles import is_officer, office_of, roles_of
from loket.permits.models import Task
from loket.standards.models import Service


def _permit_roles(office):
    """The roles that hold a step of some current SOP of the office."""
    roles = set()
    for service in Service.objects.filter(office=office, current__isnull=False).select_related(
        "current"
    ):
        roles.update(step.role for step in service.current.spec.steps)
    return roles


def officer_inbox(user):
    """The URL name of the inbox where this officer's work is.

    Work waiting comes first: open permit steps of their roles, then complaints to
    handle or coordinate. With nothing waiting, an officer who holds a step of some
    SOP lands on the permit inbox, anyone else (the complaint desk, a Kepala Bidang
    whose service has no step of his) on the complaint inbox.
    """
    office, roles = office_of(user), roles_of(user)
    if Task.objects.filter(office=office, role__in=roles, closed_at__isnull=True).exists():
        return "permits:inbox"
    if (
        is_handler(user, office)
        or CoordinationTask.objects.filter(
            office=office, role__in=roles, closed_at__isnull=True
        ).exists()
    ):
        return "complaints:inbox"
    return "permits:inbox" if roles & _permit_roles(office) else "complaints:inbox"


def home(request):
    """Officers land on their inbox, applicants on their files, the public on the catalogue."""
    if is_officer(request.user):
        return redirect(officer_inbox(request.user))
    if request.user.is_authenticated:
        return redirect("permits:mine")
    return redirect("standards:catalogue")


# Loket's own error pages, in the page's language. Django's defaults render 400, 403
# and 404 without the request (no navigation, no language switch); these render with
# it. 500 keeps Django's handler: 500.html is self-contained and needs neither the
# request nor the database, which may be what failed. Under /api/ the answers are
# reshaped into the API's JSON errors (loket.lib.api_errors).


def bad_request(request, exception):
    return render(request, "400.html", status=400)


def forbidden(request, exception):
    return render(request, "403.html", status=403)


def not_found(request, exception):
    return render(request, "404.html", status=404)
