"""The complaint roll-up (`ComplaintRollup`): each month's complaints per weight,
channel, type and status, with closed, closed late and the handling minutes of their
closing lines, for the monthly report and the dashboard's open complaints by weight
(complaints less closed, summed over the months: loket/reports/dashboard.py).

A complaint changes after it is received (weighed, answered, closed), so its month's
rows are recounted from the month's complaints whenever one of them is saved or gets
a register line, in that write's transaction, with the month's lock row held
(`ComplaintRollupMonth`, `SELECT ... FOR UPDATE`): two writes of one month take turns,
and the second recounts with the first's change committed. A recount reads one month
(a few thousand complaints at a million files a year), never the whole register.
Still-open complaints past their deadline depend on the hour the report is read, so
the report counts those live (a partial index of open complaints).
"""

import datetime

from django.db import transaction
from django.db.models import Count, F, FilteredRelation, Max, Q, Sum
from django.utils import timezone

from loket.complaints.models import Complaint, ComplaintRollup, ComplaintRollupMonth
from loket.core.rollups import as_month, month_of, truncated_month

DIMENSIONS = ("weight", "channel", "type", "status")


def closing_line():
    # The register's closing line holds the working minutes from receipt to closing,
    # computed on the office calendar when the complaint was closed.
    return FilteredRelation("register_entries", condition=Q(register_entries__reason="selesai"))


def groups(complaints):
    """One GROUP BY over the four dimensions: the roll-up's counters of `complaints`."""
    return (
        complaints.annotate(closing=closing_line())
        .values_list(*DIMENSIONS)
        .annotate(
            n=Count("pk"),
            closed=Count("pk", filter=Q(closed_at__isnull=False)),
            closed_late=Count("pk", filter=Q(closed_at__gt=F("due_at"))),
            timed=Count("closing__handling_minutes"),
            minutes=Sum("closing__handling_minutes"),
            longest=Max("closing__handling_minutes"),
        )
        .order_by()
    )


def _rows(office_id, month, found):
    return [
        ComplaintRollup(
            office_id=office_id,
            month=month,
            weight=weight,
            channel=channel,
            type=kind,
            status=status,
            n=n,
            closed=closed,
            closed_late=late,
            timed=timed,
            minutes=minutes or 0,
            longest=longest,
        )
        for weight, channel, kind, status, n, closed, late, timed, minutes, longest in found
    ]


def month_span(month):
    """Aware datetimes [start, end) of a roll-up month in the site's time zone."""
    zone = timezone.get_default_timezone()
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return (
        datetime.datetime.combine(month, datetime.time.min, zone),
        datetime.datetime.combine(following, datetime.time.min, zone),
    )


def recount_month(office_id, month):
    """Recount one office's month from its complaints (in the caller's transaction)."""
    with transaction.atomic():
        ComplaintRollupMonth.objects.get_or_create(office_id=office_id, month=month)
        ComplaintRollupMonth.objects.select_for_update().get(office_id=office_id, month=month)
        ComplaintRollup.objects.filter(office_id=office_id, month=month).delete()
        start, end = month_span(month)
        complaints = Complaint.objects.filter(
            office_id=office_id, received_at__gte=start, received_at__lt=end
        )
        ComplaintRollup.objects.bulk_create(_rows(office_id, month, groups(complaints)))


def on_complaint_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        recount_month(instance.office_id, month_of(instance.received_at))


def on_register_entry_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        received = Complaint.objects.filter(pk=instance.complaint_id).values_list(
            "office_id", "received_at"
        )[0]
        recount_month(received[0], month_of(received[1]))


def rebuild():
    """Recount the complaint roll-up from the complaints, in one transaction."""
    with transaction.atomic():
        ComplaintRollup.objects.all().delete()
        months = (
            Complaint.objects.annotate(m=truncated_month("received_at"))
            .values_list("office_id", "m")
            .distinct()
            .order_by()
        )
        for office_id, m in list(months):
            recount_month(office_id, as_month(m))
