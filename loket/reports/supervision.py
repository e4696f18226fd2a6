"""Internal supervision from the control cards (pengawasan internal).

Every hand-over on a control card carries its step, officer, working minutes spent
and the step's standard. One GROUP BY over those entries, on (step, officer, working
minutes), gives a histogram small enough to read every figure from: count, median,
90th percentile, mean, share on time and minutes late, per step and per officer.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, Sum

from loket.core.roles import role_label
from loket.permits.models import ControlCardEntry
from loket.reports import stats
from loket.standards.models import Service
from loket.surveys.queries import bounds

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


def handovers(office, period, service=None, officer_id=None):
    """The hand-over entries of an office in a period (the rows every figure reads)."""
    start, end = bounds(period)
    entries = ControlCardEntry.objects.filter(
        application__office=office,
        event=ControlCardEntry.HANDED_OVER,
        at__gte=start,
        at__lt=end,
        elapsed_minutes__isnull=False,
    )
    if service is not None:
        entries = entries.filter(application__version__service=service)
    if officer_id:
        entries = entries.filter(officer_id=officer_id)
    return entries


def histogram_rows(entries):
    """One query: counts per (step, role, officer, working minutes)."""
    late = Q(late_minutes__gt=0)
    return (
        # The step's role is carried, not grouped by: a step has one role, and a text
        # column in the key makes PostgreSQL expect so many groups that it aggregates
        # 900,000 hand-overs in one process instead of in parallel.
        entries.values("step_no", "officer_id", "elapsed_minutes")
        .annotate(
            role=Max("role"),
            n=Count("*"),
            late=Count("pk", filter=late),
            late_sum=Sum("late_minutes", filter=late),
            standard=Max("standard_minutes"),
        )
        .order_by()
    )


def step_names(office, service=None):
    """Step number -> name, from the service's (or the office's first) current standard."""
    service = service or (
        Service.objects.filter(office=office, current__isnull=False).order_by("pk").first()
    )
    if service is None or service.current_id is None:
        return {}
    return {s.no: s.name for s in service.current.spec.steps}


def summarise(rows):
    """Group histogram rows per step, per officer and per (officer, step)."""
    by_step, by_officer, by_officer_step, roles = {}, {}, {}, {}
    for row in rows:
        args = (row["elapsed_minutes"], row["n"], row["late"], row["late_sum"], row["standard"])
        roles[row["step_no"]] = row["role"]
        by_step.setdefault(row["step_no"], Figures()).add(*args)
        by_officer.setdefault(row["officer_id"], Figures()).add(*args)
        key = (row["officer_id"], row["step_no"])
        by_officer_step.setdefault(key, Figures()).add(*args)
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
    entries = handovers(office, period, service, officer_id)
    by_step, by_officer, by_officer_step, roles = summarise(histogram_rows(entries))
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
    late = entries.filter(late_minutes__gt=0)
    late_files = list(
        late.select_related("application").order_by("-late_minutes", "pk")[:LATE_LIST_LIMIT]
    )
    slowest_step = max(step_rows, key=lambda r: r["figures"].late_minutes, default=None)
    slowest_officer = max(officer_rows, key=lambda r: r["figures"].late_minutes, default=None)
    return {
        "steps": step_rows,
        "officers": officer_rows,
        "officer_steps": officer_step_rows,
        "late_files": late_files,
        "late_total": sum(r["figures"].late for r in step_rows),
        "handovers": sum(r["figures"].count for r in step_rows),
        "slowest_step": slowest_step if slowest_step and slowest_step["figures"].late else None,
        "slowest_officer": (
            slowest_officer if slowest_officer and slowest_officer["figures"].late else None
        ),
    }
