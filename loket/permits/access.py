"""Who may see which files: one queryset per user, so a guessed id finds nothing."""

from loket.core.roles import OFFICER_ROLES, PENGELOLA_PENGADUAN, office_of, roles_of
from loket.permits.models import Application, Document


def visible_applications(user):
    if not user.is_authenticated:
        return Application.objects.none()
    office = office_of(user)
    # The complaint desk sees complaints (and a named file's control card on the
    # complaint), never the permit files themselves: loket/accounts/permissions.py FILES.
    if office is not None and roles_of(user) & (set(OFFICER_ROLES) - {PENGELOLA_PENGADUAN}):
        return Application.objects.filter(office=office)
    if office is not None and roles_of(user) & set(OFFICER_ROLES):
        return Application.objects.none()
    return Application.objects.filter(applicant__user=user)


def visible_documents(user):
    # A purged document (retention ended) has no file left to show.
    return Document.objects.filter(
        application__in=visible_applications(user), purged_at__isnull=True
    )
