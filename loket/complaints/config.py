"""The office's complaint settings: channels, types and the deadline of each weight.

They are data of the office's service standard (the `complaints:` block of its YAML),
read from the current version of the office's services; an office without one gets
the defaults of local practice (REFERENCE.md), and a standard without `types` the
default list of complaint types (loket.complaints.models.TYPES).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import lazy

from loket.complaints.models import BERAT, CHANNELS, RINGAN, SEDANG, TYPES, WEIGHTS, Complaint
from loket.standards.spec import in_language

DEFAULT_DEADLINES = {RINGAN: 2, SEDANG: 5, BERAT: 14}

# A type's name in the language of the page that shows it (the settings outlive a
# request): "Persyaratan" in Indonesian, "Requirements" in English.
_in_language = lazy(in_language, str)


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


def complaint_settings(office, service=None):
    """The complaint settings that apply: a complaint about a file follows that file's
    service (its standard's `complaints:` block); one that names no file follows the
    office's, combined from all its services in a way that does not depend on the
    order they were loaded in: every channel any service takes, every type any lists
    (in service-code order), and for each weight the shortest deadline, with its route.
    """
    from loket.standards.models import Service

    if service is not None and service.current_id:
        block = service.current.spec.data.get("complaints") or {}
        return _from_blocks([block] if block else [])
    services = (
        Service.objects.filter(office=office, current__isnull=False)
        .select_related("current")
        .defer("current__data")  # read through the parsed-standard cache
        .order_by("code")
    )
    blocks = [s.current.spec.data.get("complaints") for s in services]
    return _from_blocks([b for b in blocks if b])


def settings_for(complaint):
    """The settings of one complaint: its file's service when it names a file."""
    application = complaint.application if complaint.application_id else None
    service = application.version.service if application is not None else None
    return complaint_settings(complaint.office, service)


def _from_blocks(blocks):
    deadlines, routes = {}, {}
    channels, types = [], []
    for block in blocks:
        for code, data in (block.get("weights") or {}).items():
            days = data.get("deadline_working_days")
            if days is not None and (code not in deadlines or days < deadlines[code]):
                deadlines[code] = days
                routes[code] = data.get("route", "")
            routes.setdefault(code, data.get("route", ""))
        channels += [c for c in block.get("channels") or () if c not in channels]
        known = {code for code, _name in types}
        types += [
            (t["code"], _in_language(t["name"]))
            for t in block.get("types") or ()
            if t["code"] not in known
        ]
    order = [code for code, _label in CHANNELS]
    return ComplaintSettings(
        channels=tuple(sorted(channels, key=order.index)) if channels else tuple(order),
        deadlines={**DEFAULT_DEADLINES, **deadlines},
        routes=routes,
        **({"types": tuple(types)} if types else {}),
    )


def setting(name, default):
    """A COMPLAINTS_* setting, read when needed (never at import)."""
    return getattr(settings, name, default)
