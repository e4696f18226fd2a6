"""Who may read the audit trail: the Sekretaris and the Kepala Dinas, of their own office."""

from django.core.exceptions import PermissionDenied

from loket.core.roles import KEPALA_DINAS, SEKRETARIS, office_of, roles_of

AUDIT_ROLES = frozenset({SEKRETARIS, KEPALA_DINAS})


def audit_office(user):
    """The office whose trail `user` may read; PermissionDenied for anyone else."""
    office = office_of(user)
    if office is None or not roles_of(user) & AUDIT_ROLES:
        raise PermissionDenied
    return office
