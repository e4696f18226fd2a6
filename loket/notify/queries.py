"""Reads of the notify app for officers' pages and the API (fixed query counts)."""

from loket.notify.models import Letter, Outbox


def failed_messages(office):
    return (
        Outbox.objects.filter(office=office, status=Outbox.FAILED)
        .select_related("application")
        .order_by("-created_at", "-pk")
    )


def outbox(office, status=None):
    qs = Outbox.objects.filter(office=office).select_related("application")
    return qs.filter(status=status) if status else qs


def letter_queue(office):
    """Letters to print and send first, then the sent ones (most recent first)."""
    return (
        Letter.objects.filter(office=office)
        .select_related("permit__application__applicant", "sent_by")
        .order_by("sent_at", "-created_at", "-pk")
    )
