"""Reads of the complaints app, shaped so list pages run a fixed number of queries."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from loket.complaints.access import identity_of, is_handler, sees_identity
from loket.complaints.actions import METHOD_LABELS, PARTNERS, delivery_methods
from loket.complaints.config import complaint_settings
from loket.complaints.models import (
    Complaint,
    CoordinationTask,
    MonthlyReport,
    RegisterEntry,
)
from loket.core.roles import KEPALA_DINAS, SEKRETARIS, role_label
from loket.lib.pages import window
from loket.permits.queries import card_rows


def _late():
    return ExpressionWrapper(Q(due_at__lt=timezone.now()), output_field=BooleanField())


def inbox(office, user, roles):
    """What waits for this officer: complaints to weigh or answer, tasks, reports."""
    data = {"complaints": [], "tasks": [], "reports_to_review": [], "reports_to_receive": []}
    if is_handler(user, office):
        data["complaints"] = (
            Complaint.objects.filter(office=office, closed_at__isnull=True)
            .annotate(late=_late())
            .order_by("due_at", "pk")
        )
    data["tasks"] = (
        CoordinationTask.objects.filter(office=office, role__in=roles, closed_at__isnull=True)
        .select_related("complaint")
        .annotate(late=_late())
        .order_by("due_at", "pk")
    )
    if SEKRETARIS in roles:
        data["reports_to_review"] = MonthlyReport.objects.filter(
            office=office, status=MonthlyReport.SUBMITTED
        )
    if KEPALA_DINAS in roles:
        data["reports_to_receive"] = MonthlyReport.objects.filter(
            office=office, status=MonthlyReport.APPROVED, received_by_head_at__isnull=True
        )
    return data


def detail_context(complaint, user):
    office = complaint.office
    tasks = list(complaint.tasks.select_related("closed_by"))
    for t in tasks:
        t.role_label = role_label(t.role)
        t.partner_label = PARTNERS.get(t.partner, "")
    return {
        "complaint": complaint,
        "type_label": complaint_settings(office).type_label(complaint.type),
        "identity": identity_of(user, complaint),
        "sees_identity": sees_identity(user, complaint),
        "is_handler": is_handler(user, office),
        "events": complaint.events.all(),
        "tasks": tasks,
        "my_tasks": [t for t in tasks if t.is_open and t.role in _roles(user)],
        "attachments": complaint.attachments.all(),
        "card": card_rows(complaint.application) if complaint.application_id else [],
        "methods": [(m, METHOD_LABELS[m]) for m in delivery_methods(complaint)],
        "partners": PARTNERS.items(),
        "now": timezone.now(),
    }


def _roles(user):
    from loket.core.roles import roles_of

    return roles_of(user)


def register_entries(office, filters, *, history=False):
    """Lines of the Buku Pengaduan; by default the latest line of each complaint."""
    entries = RegisterEntry.objects.filter(office=office).select_related("complaint")
    if not history:
        # "No later line about the same complaint": one probe of the complaint index
        # per line read, so a page in date order stops after its rows instead of
        # grouping the whole book first.
        later = RegisterEntry.objects.filter(complaint=OuterRef("complaint"), pk__gt=OuterRef("pk"))
        entries = entries.filter(~Exists(later))
    for key in ("weight", "channel", "type", "status"):
        if filters.get(key):
            entries = entries.filter(**{key: filters[key]})
    if filters.get("date_from"):
        entries = entries.filter(complaint_date__gte=filters["date_from"])
    if filters.get("date_to"):
        entries = entries.filter(complaint_date__lte=filters["date_to"])
    return entries.order_by("complaint_date", "complaint_id", "pk")


REGISTER_PAGE_SIZE = 50


def register_page(entries, requested):
    """One page of the book for the screen and the API: newest first."""
    return window(entries.reverse(), requested, REGISTER_PAGE_SIZE)


def register_rows(entries, user, office):
    """Rows ready to show or export; confidential identities hidden from non-handlers."""
    from loket.complaints.access import HIDDEN

    handler = is_handler(user, office)
    per_day = office.calendar().minutes_per_day()
    names = complaint_settings(office).labels()
    rows = []
    for e in entries:
        rows.append(
            {
                "ticket": e.complaint.ticket,
                "complaint_id": e.complaint_id,
                "date": e.complaint_date,
                "identity": HIDDEN if e.confidential and not handler else e.identity,
                "type": names["type"].get(e.type, e.type),
                "weight": names["weight"].get(e.weight) or "-",
                "channel": names["channel"].get(e.channel, e.channel),
                "status": names["status"].get(e.status, e.status),
                "handling_days": round(e.handling_minutes / per_day, 2)
                if e.handling_minutes is not None
                else None,
                "reason": e.reason,
                "at": e.at,
            }
        )
    return rows


def track(ticket, code):
    return (
        Complaint.objects.filter(ticket__iexact=ticket.strip(), tracking_code=code.strip().upper())
        .select_related("office")
        .first()
    )
