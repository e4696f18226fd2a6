"""Sign-ins, sign-outs and edits in the admin are actions too: they go on the trail.

A failed sign-in names nobody: the username tried may be a citizen's NIK.
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver


def _office_and_role(user):
    from loket.accounts.models import Applicant
    from loket.accounts.roles import OFFICER_ROLES, PEMOHON, office_of, roles_of

    office = office_of(user)
    if office is not None:
        roles = sorted(roles_of(user) & set(OFFICER_ROLES))
        return office, ",".join(roles)
    applicant = Applicant.objects.filter(user=user).only("office_id").first()
    return (applicant.office_id if applicant else None), PEMOHON if applicant else ""


@receiver(user_logged_in, dispatch_uid="loket_audit_login")
def logged_in(sender, request, user, **kwargs):
    from loket.audit import record

    office, role = _office_and_role(user)
    record("accounts.login", actor=user, office=office, obj=user, role=role)


@receiver(user_logged_out, dispatch_uid="loket_audit_logout")
def logged_out(sender, request, user, **kwargs):
    from loket.audit import record

    if user is None:
        return
    office, role = _office_and_role(user)
    record("accounts.logout", actor=user, office=office, obj=user, role=role)


@receiver(user_login_failed, dispatch_uid="loket_audit_login_failed")
def login_failed(sender, credentials, request=None, **kwargs):
    from loket.audit import PUBLIC, record

    record("accounts.login_failed", actor=PUBLIC, office=None)


@receiver(post_save, sender=LogEntry, dispatch_uid="loket_audit_admin")
def admin_changed(sender, instance, created, **kwargs):
    """An edit in the Django admin (officers, calendars, templates) is an action too.

    Django writes its LogEntry inside the admin's transaction; the event joins it. The
    object's name (`object_repr`) is left out: it may be a person's name.
    """
    from loket.accounts.roles import office_of
    from loket.audit import record

    if not created:
        return
    verb = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}.get(instance.action_flag)
    content_type = instance.content_type
    record(
        f"admin.{verb or instance.action_flag}",
        actor=instance.user,
        office=office_of(instance.user),
        role="admin",
        data={
            "model": f"{content_type.app_label}.{content_type.model}" if content_type else "",
            "object_id": str(instance.object_id or ""),
        },
    )
