"""Filters that show the data export's values (ISO 8601 strings, see
loket.core.personal_data.export_time) as people read dates, in the page's language."""

import datetime

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def as_read(value):
    """'2026-12-07T10:15:00+07:00' → '7 Desember 2026 10.15' (English: '7 December 2026
    10:15'); a date alone → '7 Desember 2026'; anything else unchanged, None → '-'."""
    if value in (None, ""):
        return "-"
    if not isinstance(value, str):
        return value
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if "T" not in value:
        return formats.date_format(parsed.date(), "j F Y")
    return formats.date_format(parsed, "j F Y H:i")
