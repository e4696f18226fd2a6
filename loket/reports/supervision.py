"""Internal supervision from the control cards (pengawasan internal).

Every hand-over on a control card carries its step, officer, working minutes spent
and the step's standard. The permits app keeps them counted per quarter, step, officer
and working minutes (`HandoverRollup`, updated with each hand-over): a histogram small
enough to read every figure from, exactly (count, median, 90th percentile, mean, share
on time and minutes late, per step and per officer), whose size does not grow with
the number of files. The worst late hand-overs come from `LateHandover`, the 50 worst
of each quarter and officer.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Max, Sum

from loket.core.roles import role_label
from loket.permits.models import ControlCardEntry, HandoverRollup, LateHandover
from loket.reports import stats
from loket.standards.models import Service

LATE_LIST_LIMIT = 50


@dataclass
class Figures:
    """The figures of one group (a step, an officer, or an officer at a step)."""

    histogram: list = field(default_factory=list)
    late: int = 0
    late_minutes: int = 0
    standard: int | None = None

    def add(self, elapsed, n, late, late_minutes, standard):
        self.histogram.append((elapsed, n))
        self.late += late
        self.late_minutes += late_minutes or 0
        if standard is not None:
            self.standard = max(self.standard or 0, standard)

    @property
    def count(self):
        return sum(n for _v, n in self.histogram)

    @property
    def on_time(self):
        return self.count - self.late

    @property
    def on_time_share(self):
        return self.on_time / self.count if self.count else None

    @property
    def median(self):
        return stats.median(self.histogram)

    @property
    def p90(self):
        return stats.percentile(self.histogram, 90)

    @property
    def mean(self):
        return stats.mean(self.histogram)


def _rolled_up(model, office, period, service=None, officer_id=None):
    """The roll-up rows of the period's quarters (a period is a run of whole quarters)."""
    rows = model.objects.filter(office=office, quarter__gte=period.start, quarter__lt=period.end)
    if service is not None:
        rows = rows.filter(service_id=service.pk)
    if officer_id:
        rows = rows.filter(officer_key=officer_id)
    return rows


def histogram_rows(office, period, service=None, officer_id=None):
    """One query over the hand-over roll-up: (step, role, officer, working minutes,
    count, late, minutes late, standard) per step, officer and working minutes. Its
    size is bounded by the distinct working times, not by the number of files (see
    loket/permits/rollups.py)."""
    rows = (
        _rolled_up(HandoverRollup, office, period, service, officer_id)
        .values_list("step_no", "officer_key", "elapsed_minutes")
        .annotate(
            role_=Max("role"),
            n_=Sum("n"),
            late_=Sum("late"),
            late_sum=Sum("late_minutes"),
            standard=Max("standard_minutes"),
        )
        .order_by()
    )
    return [
        (step, role, officer or None, elapsed, n, late, late_sum, standard)
        for step, officer, elapsed, role, n, late, late_sum, standard in rows
    ]


def officers_in(office, period, service=None):
    """The ids of the officers with hand-overs in the period."""
    keys = (
        _rolled_up(HandoverRollup, office, period, service)
        .values_list("officer_key", flat=True)
        .distinct()
        .order_by()
    )
    return [key or None for key in keys]


def late_files(office, period, service=None, officer_id=None):
    """The period's worst late hand-overs, from the kept worst of each quarter and
    officer."""
    kept = (
        _rolled_up(LateHandover, office, period, service, officer_id)
        .order_by("-late_minutes", "entry_id")
        .values_list("entry_id", flat=True)[:LATE_LIST_LIMIT]
    )
    ids = list(kept)
    entries = ControlCardEntry.objects.filter(pk__in=ids).select_related("application")
    by_id = {e.pk: e for e in entries}
    return [by_id[i] for i in ids]


def step_names(office, service=None):
    """Step number -> short label, from the service's (or the office's first) current standard."""
    service = service or (
        Service.objects.filter(office=office, current__isnull=False).order_by("pk").first()
    )
    if service is None or service.current_id is None:
        return {}
    return {s.no: s.label for s in service.current.spec.steps}


def summarise(rows):
    """Group histogram rows per step, per officer and per (officer, step)."""
    by_step, by_officer, by_officer_step, roles = {}, {}, {}, {}
    for step, role, officer, elapsed, n, late, late_sum, standard in rows:
        args = (elapsed, n, late, late_sum, standard)
        roles[step] = role
        by_step.setdefault(step, Figures()).add(*args)
        by_officer.setdefault(officer, Figures()).add(*args)
        by_officer_step.setdefault((officer, step), Figures()).add(*args)
    return by_step, by_officer, by_officer_step, roles


def officer_names(ids):
    User = get_user_model()
    return {
        u.pk: (u.get_full_name() or u.username)
        for u in User.objects.filter(pk__in=[i for i in ids if i is not None]).only(
            "pk", "first_name", "last_name", "username"
        )
    }


def supervision(office, period, service=None, officer_id=None):
    """Everything the supervision page shows: a fixed number of queries."""
    rows = histogram_rows(office, period, service, officer_id)
    by_step, by_officer, by_officer_step, roles = summarise(rows)
    names = officer_names(list(by_officer))
    steps = step_names(office, service)
    step_rows = [
        {
            "no": no,
            "name": steps.get(no, ""),
            "role": role_label(roles[no]),
            "figures": figures,
        }
        for no, figures in sorted(by_step.items())
    ]
    officer_rows = [
        {"officer_id": oid, "name": names.get(oid, "–"), "figures": figures}
        for oid, figures in sorted(by_officer.items(), key=lambda kv: names.get(kv[0], ""))
    ]
    officer_step_rows = [
        {
            "officer_id": oid,
            "name": names.get(oid, "–"),
            "no": no,
            "step": steps.get(no, ""),
            "figures": figures,
        }
        for (oid, no), figures in sorted(
            by_officer_step.items(), key=lambda kv: (names.get(kv[0][0], ""), kv[0][1])
        )
    ]
    worst = late_files(office, period, service, officer_id)
    slowest_step = max(step_rows, key=lambda r: r["figures"].late_minutes, default=None)
    slowest_officer = max(officer_rows, key=lambda r: r["figures"].late_minutes, default=None)
    return {
        "steps": step_rows,
        "officers": officer_rows,
        "officer_steps": officer_step_rows,
        "late_files": worst,
        "late_total": sum(r["figures"].late for r in step_rows),
        "handovers": sum(r["figures"].count for r in step_rows),
        "slowest_step": slowest_step if slowest_step and slowest_step["figures"].late else None,
        "slowest_officer": (
            slowest_officer if slowest_officer and slowest_officer["figures"].late else None
        ),
    }
