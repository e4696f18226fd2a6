"""Reads of the survey app: the IKM of a period from one aggregate query.

The IKM needs only, per element, the sum of the scores and the number of answers.
Both come from the survey roll-up (`SurveyRollup`: respondents per office, service
and month by the score each gave each element, kept with every response; see
`rollups.py`), and the files filed (the population) from the permits app's
`FilingRollup`, so a year's IKM reads a few hundred rows however many responses
there are; the pure `ikm` module does the rest. Only counted responses (tied to an
invitation or a registered kiosk, see SurveyResponse) enter the roll-up, so any
figure; `respondents_by_channel` shows the rest beside them.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.permits.models import FilingRollup
from loket.standards.models import Service
from loket.surveys import ikm, periods, rollups
from loket.surveys.models import FollowUpItem, SurveyResponse, SurveyRollup, SurveySetting

FIELDS = tuple(code.lower() for code in ikm.ELEMENT_CODES)


def period_kind(office, service=None):
    """How often the survey runs: the office's setting (admin) if set; else, for one
    service, its standard's `survey.period`; else the most frequent period any of the
    office's services asks for (so the order they were loaded in does not matter);
    else yearly."""
    setting = SurveySetting.objects.filter(office=office).values_list("period", flat=True).first()
    if setting:
        return setting
    services = Service.objects.filter(office=office, current__isnull=False).select_related(
        "current"
    )
    if service is not None:
        services = services.filter(pk=service.pk)
    asked = {(s.current.spec.data.get("survey") or {}).get("period") for s in services}
    # periods.KINDS runs from the longest period to the shortest.
    for kind in reversed(periods.KINDS):
        if kind in asked:
            return kind
    return periods.YEARLY


def current_period(office, kind=None):
    return periods.period_containing(timezone.localdate(), kind or period_kind(office))


def resolve_period(office, key=None):
    """The period named by `key` (any kind), or the office's current one."""
    if key:
        try:
            return periods.parse_period(key)
        except ValueError:
            pass
    return current_period(office)


def bounds(period):
    """Aware datetimes [start, end) of a period in the office's time zone."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(period.start, time.min), zone),
        timezone.make_aware(datetime.combine(period.end, time.min), zone),
    )


def _rolled_up(office, start_month, end_month, service=None):
    """The survey roll-up's rows of the months [start_month, end_month)."""
    rows = SurveyRollup.objects.filter(office=office, month__gte=start_month, month__lt=end_month)
    if service is not None:
        rows = rows.filter(service_id=service.pk)
    return rows


class _Tally:
    """Respondents and, per element, (sum of scores, answers) of a set of roll-up rows."""

    def __init__(self):
        self.respondents = 0
        self.totals = {code: [0, 0] for code in ikm.ELEMENT_CODES}

    def add(self, item, value, n):
        if item == rollups.ALL:
            self.respondents += n
        elif item in ELEMENT_OF:
            pair = self.totals[ELEMENT_OF[item]]
            pair[0] += int(value) * n
            pair[1] += n

    def result(self):
        return ikm.ikm_from_totals({code: tuple(pair) for code, pair in self.totals.items()})


ELEMENT_OF = dict(zip(FIELDS, ikm.ELEMENT_CODES, strict=True))
_IKM_ITEMS = (rollups.ALL, *FIELDS)


@dataclass
class ServiceIkm:
    service_id: int
    name: str
    respondents: int
    result: ikm.IkmResult
    population: int
    sample_size: int

    @property
    def too_few(self):
        return self.respondents < self.sample_size


@dataclass
class PeriodIkm:
    period: periods.Period
    respondents: int
    result: ikm.IkmResult
    services: list
    population: int
    sample_size: int

    @property
    def too_few(self):
        return self.respondents < self.sample_size


def ikm_for_period(office, period, service=None):
    """The IKM of the office (and of each service) in a period: two queries over the
    roll-ups (respondents by answer; files filed), whatever the number of responses."""
    rows = (
        _rolled_up(office, period.start, period.end, service)
        .filter(item__in=_IKM_ITEMS)
        .values_list("service_id", "item", "value")
        .annotate(n=Sum("n"))
        .order_by()
    )
    filed = FilingRollup.objects.filter(
        office=office, month__gte=period.start, month__lt=period.end
    )
    if service is not None:
        filed = filed.filter(service_id=service.pk)
    population = dict(filed.values_list("service_id").annotate(n=Sum("filed")).order_by())
    names = dict(Service.objects.filter(office=office).values_list("pk", "name"))
    per_service, office_tally = {}, _Tally()
    for service_id, item, value, n in rows:
        per_service.setdefault(service_id, _Tally()).add(item, value, n)
        office_tally.add(item, value, n)
    services = []
    for service_id in sorted(set(per_service) | set(population)):
        tally = per_service.get(service_id) or _Tally()
        n = population.get(service_id, 0)
        services.append(
            ServiceIkm(
                service_id,
                names.get(service_id, ""),
                tally.respondents,
                tally.result(),
                n,
                ikm.krejcie_morgan(n),
            )
        )
    services.sort(key=lambda s: s.name)
    total_population = sum(population.values())
    return PeriodIkm(
        period=period,
        respondents=office_tally.respondents,
        result=office_tally.result(),
        services=services,
        population=total_population,
        sample_size=ikm.krejcie_morgan(total_population),
    )


def ikm_trend(office, kind, count=4, service=None, today=None):
    """IKM of the last `count` periods of `kind`, oldest first: one query per call."""
    wanted = periods.recent_periods(today or timezone.localdate(), kind, count)
    rows = (
        _rolled_up(office, wanted[0].start, wanted[-1].end, service)
        .filter(item__in=_IKM_ITEMS)
        .values_list("month", "item", "value")
        .annotate(n=Sum("n"))
        .order_by()
    )
    tallies = {p.key: _Tally() for p in wanted}
    for month, item, value, n in rows:
        key = periods.period_containing(month, kind).key
        if key in tallies:
            tallies[key].add(item, value, n)
    return [
        {
            "period": p,
            "respondents": tallies[p.key].respondents,
            "result": tallies[p.key].result(),
        }
        for p in wanted
    ]


PROFILE_FIELDS = ("sex", "education", "occupation")
AGE_BANDS = (
    (0, 19, "< 20"),
    (20, 29, "20–29"),
    (30, 39, "30–39"),
    (40, 49, "40–49"),
    (50, 59, "50–59"),
    (60, 200, "≥ 60"),
)


def _counts(office, period, service, items):
    """{(item, value): respondents} of the period from the roll-up: one query."""
    rows = (
        _rolled_up(office, period.start, period.end, service)
        .filter(item__in=items)
        .values_list("item", "value")
        .annotate(n=Sum("n"))
        .order_by()
    )
    return {(item, value): n for item, value, n in rows}


def respondent_profile(office, period, service=None):
    """Counts of respondents by sex, education, occupation and age band: one query."""
    counts = _counts(office, period, service, (*PROFILE_FIELDS, "age"))
    tables = []
    titles = {"sex": _("Jenis kelamin"), "education": _("Pendidikan"), "occupation": _("Pekerjaan")}
    for field in PROFILE_FIELDS:
        rows = [
            (str(label), counts.get((field, value), 0))
            for value, label in SurveyResponse._meta.get_field(field).choices
        ]
        tables.append({"title": titles[field], "rows": rows})
    ages = [(int(value), n) for (item, value), n in counts.items() if item == "age"]
    tables.insert(
        0,
        {
            "title": _("Umur"),
            "rows": [
                (label, sum(n for age, n in ages if low <= age <= high))
                for low, high, label in AGE_BANDS
            ],
        },
    )
    return tables


def comments(office, period, service=None, limit=200):
    start, end = bounds(period)
    responses = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
    ).exclude(comment="")
    if service is not None:
        responses = responses.filter(service=service)
    return list(responses.order_by("-submitted_at").values_list("submitted_at", "comment")[:limit])


def follow_ups(office, period_keys, service=None):
    items = FollowUpItem.objects.filter(office=office, period_key__in=period_keys)
    if service is not None:
        items = items.filter(service=service)
    return list(items.select_related("service", "approved_by"))


def answer_distribution(office, period, service=None):
    """{code: [answers scoring 1, 2, 3, 4]} for the period: one query."""
    counts = _counts(office, period, service, FIELDS)
    return {
        code: [counts.get((field, str(score)), 0) for score in range(1, 5)]
        for code, field in zip(ikm.ELEMENT_CODES, FIELDS, strict=True)
    }


@dataclass
class ChannelCount:
    channel: str
    label: str
    counted: int
    held: int


def respondents_by_channel(office, period, service=None):
    """Responses of the period by channel: counted, and held back (by reason): one query."""
    start, end = bounds(period)
    responses = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end
    )
    if service is not None:
        responses = responses.filter(service=service)
    rows = responses.values("channel", "counted", "held").annotate(n=Count("*")).order_by()
    channels = {
        code: ChannelCount(code, str(label), 0, 0) for code, label in SurveyResponse.CHANNELS
    }
    held = {code: [str(label), 0] for code, label in SurveyResponse.HELD}
    for row in rows:
        entry = channels.get(row["channel"])
        if entry is None:
            continue
        if row["counted"]:
            entry.counted += row["n"]
        else:
            entry.held += row["n"]
            if row["held"] in held:
                held[row["held"]][1] += row["n"]
    return {
        "channels": list(channels.values()),
        "held": [(label, n) for label, n in held.values()],
        "held_total": sum(n for _label, n in held.values()),
    }
