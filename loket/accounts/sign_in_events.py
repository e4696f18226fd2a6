"""Sign-ins and sign-outs are actions too: they go on the audit trail.

A failed sign-in names nobody: the username tried may be a citizen's NIK.
"""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from loket import audit
from loket.accounts.models import Applicant
from loket.core.roles import OFFICER_ROLES, PEMOHON, office_of, roles_of
from loket.lib import ratelimit


def _office_and_role(user):
    office = office_of(user)
    if office is not None:
        roles = sorted(roles_of(user) & set(OFFICER_ROLES))
        return office, ",".join(roles)
    applicant = Applicant.objects.filter(user=user).only("office_id").first()
    return (applicant.office_id if applicant else None), PEMOHON if applicant else ""


@receiver(user_logged_in, dispatch_uid="loket_audit_login")
def logged_in(sender, request, user, **kwargs):
    office, role = _office_and_role(user)
    audit.record("accounts.login", actor=user, office=office, obj=user, role=role)


@receiver(user_logged_out, dispatch_uid="loket_audit_logout")
def logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    office, role = _office_and_role(user)
    audit.record("accounts.logout", actor=user, office=office, obj=user, role=role)


@receiver(user_login_failed, dispatch_uid="loket_audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    audit.record("accounts.login_failed", actor=audit.PUBLIC, office=None)


@receiver(user_login_failed, dispatch_uid="loket_count_failed_sign_in")
def count_failed_sign_in(sender, credentials, request=None, **kwargs):
    """One more failure of this address, across usernames (AddressLimitBackend)."""
    if request is not None:
        ratelimit.count_key("login_address", ratelimit.client_address(request))
