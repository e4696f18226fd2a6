"""Counters kept beside the rows they count (roll-ups), for reports that must not scan.

`bump` adds to the counters of one roll-up row, creating it at zero when it is the
first of its key, in the caller's transaction: the count is committed, or rolled back,
with the write it counts. Two transactions creating the same row race on the table's
unique key; the loser's insert fails inside a savepoint and it adds to the winner's row.
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest, TruncMonth, TruncQuarter
from django.utils import timezone


def month_of(at):
    """The first day of the month of `at` in the site's time zone (the reports' months)."""
    return timezone.localtime(at, timezone.get_default_timezone()).date().replace(day=1)


def quarter_of(at):
    """The first day of the quarter of `at` in the site's time zone."""
    month = month_of(at)
    return month.replace(month=(month.month - 1) // 3 * 3 + 1)


def bump(model, key, add, highest=None):
    """Add `add` ({field: amount}) to the row of `key`, and raise each field of
    `highest` ({field: value}, None values ignored) to at least its value."""
    highest = {f: v for f, v in (highest or {}).items() if v is not None}
    changes = {f: F(f) + amount for f, amount in add.items() if amount}
    for f, v in highest.items():
        changes[f] = Greatest(Coalesce(F(f), Value(v)), Value(v))
    rows = model.objects.filter(**key)
    if not changes:
        return
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **add, **highest)
            return
    except IntegrityError:
        pass
    rows.update(**changes)


def truncated_month(field):
    """SQL: the first instant of the month of `field` in the site's time zone (rebuilds
    group by it; `as_month` turns the value into the roll-ups' date)."""
    return TruncMonth(field, tzinfo=timezone.get_default_timezone())


def truncated_quarter(field):
    """SQL: the first instant of the quarter of `field` in the site's time zone."""
    return TruncQuarter(field, tzinfo=timezone.get_default_timezone())


def as_month(value):
    return value.date() if hasattr(value, "date") else value
