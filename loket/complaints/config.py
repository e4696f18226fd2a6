"""The office's complaint settings: channels, types and the deadline of each weight.

They are data of the office's service standard (the `complaints:` block of its YAML),
read from the current version of the office's services; an office without one gets
the defaults of local practice (REFERENCE.md), and a standard without `types` the
default list of complaint types (loket.complaints.models.TYPES).
"""

from dataclasses import dataclass

from django.conf import settings

from loket.complaints.models import BERAT, CHANNELS, RINGAN, SEDANG, TYPES, WEIGHTS, Complaint

DEFAULT_DEADLINES = {RINGAN: 2, SEDANG: 5, BERAT: 14}


@dataclass(frozen=True)
class ComplaintSettings:
    channels: tuple
    deadlines: dict
    routes: dict
    types: tuple = tuple(TYPES)

    def deadline_days(self, weight):
        return self.deadlines.get(weight or RINGAN, DEFAULT_DEADLINES[RINGAN])

    def type_label(self, code):
        """The type's name in the standard; a code the standard no longer has stays as is."""
        return {**dict(TYPES), **dict(self.types)}.get(code, code)

    def labels(self):
        """Code -> label, translated now, of each column a register line or a report
        shows: built once for a list, not looked up through the choices per row."""
        return {
            "weight": {code: str(label) for code, label in WEIGHTS},
            "channel": {code: str(label) for code, label in CHANNELS},
            "status": {code: str(label) for code, label in Complaint.STATUSES},
            "type": {code: str(label) for code, label in (*TYPES, *self.types)},
        }

    @property
    def default_type(self):
        """The type of a complaint that names none (e.g. by email): "lainnya", or the last."""
        codes = [code for code, _name in self.types]
        return "lainnya" if "lainnya" in codes else codes[-1]


def complaint_settings(office):
    from loket.standards.models import Service

    block = None
    services = (
        Service.objects.filter(office=office, current__isnull=False)
        .select_related("current")
        .defer("current__data")  # read through the parsed-standard cache
    )
    for service in services:
        block = service.current.spec.data.get("complaints")
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
    found = block.get("types")
    extra = {"types": tuple((t["code"], t["name"]) for t in found)} if found else {}
    return ComplaintSettings(channels=channels, deadlines=deadlines, routes=routes, **extra)


def setting(name, default):
    """A COMPLAINTS_* setting, read when needed (never at import)."""
    return getattr(settings, name, default)
