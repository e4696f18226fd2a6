"""How long a product is valid, from its standard's `product.validity` (pure)."""

import calendar
import datetime


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has no such day."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def valid_until(validity, issued_on, answers):
    """The last day the product is valid, or None for life.

    `validity` is the standard's rule, `issued_on` the day it was numbered, `answers`
    the file's answers (ISO dates for date fields)."""
    rule = validity.get("rule", "life")
    if rule == "years":
        return add_months(issued_on, 12 * validity["years"])
    if rule == "months":
        return add_months(issued_on, validity["months"])
    if rule == "until_field":
        value = answers.get(validity["field"])
        return datetime.date.fromisoformat(value) if value else None
    return None
