"""Reads of the notify app for officers' pages and the API (fixed query counts)."""

from django.db.models import F

from loket.lib.pages import window
from loket.notify.models import Letter, Outbox

PAGE_SIZE = 50


def page_of(queryset, requested):
    """One page of an officer's list, on the page and in the API alike."""
    return window(queryset, requested, PAGE_SIZE)


def failed_messages(office):
    return Outbox.objects.filter(office=office, status=Outbox.FAILED).order_by("-created_at", "-pk")


def outbox(office, status=None):
    qs = Outbox.objects.filter(office=office)
    qs = qs.filter(status=status) if status else qs
    return qs.order_by("-created_at", "-pk")


def letter_queue(office):
    """Letters to print and send first, then the sent ones (most recent first)."""
    return (
        Letter.objects.filter(office=office)
        .select_related("sent_by")
        # Unsent (no date) first on every database: PostgreSQL sorts NULL last.
        .order_by(F("sent_at").asc(nulls_first=True), "-created_at", "-pk")
    )
