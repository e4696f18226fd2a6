import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"


class AuditFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Dari tanggal"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Sampai tanggal"), required=False, widget=DateInput)
    actor = forms.CharField(
        label=_("Pelaku"), required=False, max_length=100, help_text=_("Nama atau nomor pengguna")
    )
    action = forms.CharField(
        label=_("Tindakan"),
        required=False,
        max_length=80,
        help_text=_("Mis. permits.complete_step, atau awalan permits."),
    )
    object_type = forms.CharField(
        label=_("Jenis objek"),
        required=False,
        max_length=60,
        help_text=_("Mis. permits.application"),
    )
    object_id = forms.CharField(label=_("Id objek"), required=False, max_length=40)


def _start_of(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_events(events, filters):
    """Apply the form's filters; dates are whole local days (Asia/Jakarta)."""
    if filters.get("date_from"):
        events = events.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=_start_of(filters["date_to"] + dt.timedelta(days=1)))
    actor = (filters.get("actor") or "").strip()
    if actor.isdigit():
        events = events.filter(actor_id=int(actor))
    elif actor:
        events = events.filter(actor_name__icontains=actor)
    action = (filters.get("action") or "").strip()
    if action.endswith("."):
        events = events.filter(action__startswith=action)
    elif action:
        events = events.filter(action=action)
    if filters.get("object_type"):
        events = events.filter(object_type=filters["object_type"].strip().lower())
    if filters.get("object_id"):
        events = events.filter(object_id=filters["object_id"].strip())
    return events
