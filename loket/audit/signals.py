"""Edits in the admin are actions too: they go on the trail.

(Sign-ins and sign-outs are recorded by loket.accounts, which knows who signed in.)
"""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender=LogEntry, dispatch_uid="loket_audit_admin")
def admin_changed(sender, instance, created, **kwargs):
    """An edit in the Django admin (officers, calendars, templates) is an action too.

    Django writes its LogEntry inside the admin's transaction; the event joins it. The
    object's name (`object_repr`) is left out: it may be a person's name.
    """
    from loket.audit import record
    from loket.core.roles import office_of

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
