"""Who may read the evaluation reports: the Sekretaris and Kepala Dinas (and the
Kepala Bidang, read only) of their own office."""

from django.core.exceptions import PermissionDenied

from loket.core.roles import KEPALA_BIDANG, KEPALA_DINAS, SEKRETARIS, office_of, roles_of

READ_ROLES = frozenset({SEKRETARIS, KEPALA_DINAS, KEPALA_BIDANG})
STAFF_ROLES = frozenset({SEKRETARIS, KEPALA_DINAS})


def can_read_reports(user):
    return office_of(user) is not None and bool(roles_of(user) & READ_ROLES)


def report_office(user, roles=READ_ROLES):
    """The office whose reports `user` may read; PermissionDenied for anyone else."""
    office = office_of(user)
    if office is None or not roles_of(user) & roles:
        raise PermissionDenied
    return office
