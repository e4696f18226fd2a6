"""The office's complaint settings: channels and the deadline of each weight.

They are data of the office's service standard (the `complaints:` block of its YAML),
read from the current version of the office's services; an office without one gets
the defaults of local practice (REFERENCE.md).
"""

from dataclasses import dataclass

from django.conf import settings

from loket.complaints.models import BERAT, CHANNELS, RINGAN, SEDANG

DEFAULT_DEADLINES = {RINGAN: 2, SEDANG: 5, BERAT: 14}


@dataclass(frozen=True)
class ComplaintSettings:
    channels: tuple
    deadlines: dict
    routes: dict

    def deadline_days(self, weight):
        return self.deadlines.get(weight or RINGAN, DEFAULT_DEADLINES[RINGAN])


def complaint_settings(office):
    from loket.standards.models import Service

    block = None
    for service in Service.objects.filter(office=office, current__isnull=False).select_related(
        "current"
    ):
        block = service.current.data.get("complaints")
        if block:
            break
    block = block or {}
    weights = block.get("weights") or {}
    deadlines = dict(DEFAULT_DEADLINES)
    routes = {}
    for code, data in weights.items():
        if "deadline_working_days" in data:
            deadlines[code] = data["deadline_working_days"]
        routes[code] = data.get("route", "")
    channels = tuple(block.get("channels") or (c for c, _label in CHANNELS))
    return ComplaintSettings(channels=channels, deadlines=deadlines, routes=routes)


def setting(name, default):
    """A COMPLAINTS_* setting, read when needed (never at import)."""
    return getattr(settings, name, default)
