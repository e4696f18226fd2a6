"""Personal data held across apps: one registry of retention rules and subject-data
providers.

UU 27/2022: personal data is kept no longer than its purpose needs (Pasal 16, 43-44),
and the data subject may have a copy of everything held about them (Pasal 32). The
accounts app runs both (the daily retention job and the "my data" download), but the
data lives in the tables of many apps. Each app that holds personal data registers,
in its AppConfig.ready::

    register_retention_rule("permits", apply, counts=("applicants", "documents"))
    register_subject_data("permits", provide, sections=("applications",))

- A *retention rule* ``apply(office, now, tally)`` anonymises or purges, in its own
  tables, what is past the office's retention period (``cutoff(office, now)``), adds
  to ``tally`` what it cleared, and lists in ``tally.files`` the stored files to
  delete once its transaction commits. It runs every office, every day: it must skip
  what was cleared before.
- A *subject-data provider* ``provide(subject)`` adds its sections to
  ``subject.export`` (what it holds about ``subject.applicant``) and may name the
  records it found in ``subject.records`` (e.g. the complaints they filed), for the
  providers after it (messages about those records) to read. Providers run in
  ``order``; each reads only its own tables.

The kernel knows no app: the registry is filled at start-up, by the apps above it.
"""

from dataclasses import dataclass, field

_RULES = {}
_PROVIDERS = {}


@dataclass(frozen=True)
class RetentionRule:
    name: str
    apply: object
    # The counters this rule adds to (all start at 0, so a run that clears nothing says so).
    counts: tuple
    order: int


@dataclass(frozen=True)
class SubjectDataProvider:
    name: str
    provide: object
    # The sections of the export it fills (each starts as an empty list).
    sections: tuple
    order: int


class Tally:
    """What one retention run cleared: named counters, and the files to delete."""

    def __init__(self, names=()):
        self._counts = dict.fromkeys(names, 0)
        self.files = []

    def add(self, name, number=1):
        self._counts[name] = self._counts.get(name, 0) + number

    def __getattr__(self, name):
        counts = self.__dict__.get("_counts", {})
        if name in counts:
            return counts[name]
        raise AttributeError(name)

    def as_data(self):
        return dict(self._counts)


@dataclass
class Subject:
    """One applicant's export while the providers fill it."""

    applicant: object
    export: dict
    # Records found by one provider for the ones after it: {kind: [ids or filters]}.
    records: dict = field(default_factory=dict)


def register_retention_rule(name, apply, *, counts=(), order=100):
    _RULES[name] = RetentionRule(name, apply, tuple(counts), order)


def retention_rules():
    return sorted(_RULES.values(), key=lambda r: (r.order, r.name))


def register_subject_data(name, provide, *, sections=(), order=100):
    _PROVIDERS[name] = SubjectDataProvider(name, provide, tuple(sections), order)


def subject_data_providers():
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.name))


def years_before(moment, years):
    """The same instant `years` earlier (29 February falls back to the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def cutoff(office, now):
    """Records that ended before this instant are past the office's retention period."""
    return years_before(now, office.retention_years)


def erasable(model):
    """A plain queryset of an append-only model.

    Registers and cards are corrected by new entries, never edited, with one
    exception the law makes: personal data is erased at the end of retention. Only
    identity columns are overwritten through it, never times, steps or figures.
    """
    from django.db import models

    return models.QuerySet(model)


def export_time(value):
    """A date or time as the export shows it: local ISO 8601, or None."""
    from django.utils import timezone

    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def site_url(name, *args):
    """The full address of a page, as the export links it."""
    from django.conf import settings
    from django.urls import reverse

    return settings.SITE_URL + reverse(name, args=args)


#: The text left in place of an erased message.
ERASED = "(dihapus: masa retensi berakhir)"
