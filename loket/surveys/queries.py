"""Reads of the survey app: the IKM of a period from one aggregate query.

Only counted responses (tied to an invitation or a registered kiosk, see
SurveyResponse) enter any figure; `respondents_by_channel` shows the rest beside them.

The IKM needs only, per element, the sum of the scores and the number of answers;
the database computes both (SUM and COUNT ignore unanswered, null elements) and the
pure `ikm` module does the rest. No response row is ever loaded into Python.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from loket.permits.models import Application
from loket.standards.models import Service
from loket.surveys import ikm, periods
from loket.surveys.models import FollowUpItem, SurveyResponse, SurveySetting

FIELDS = tuple(code.lower() for code in ikm.ELEMENT_CODES)


def period_kind(office):
    """The office's setting, else the first service's `survey.period`, else yearly."""
    setting = SurveySetting.objects.filter(office=office).values_list("period", flat=True).first()
    if setting:
        return setting
    service = (
        Service.objects.filter(office=office, current__isnull=False)
        .select_related("current")
        .order_by("pk")
        .first()
    )
    if service is not None:
        kind = (service.current.data.get("survey") or {}).get("period")
        if kind in periods.KINDS:
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


def _element_aggregates():
    out = {}
    for field in FIELDS:
        out[f"{field}_sum"] = Sum(field)
        out[f"{field}_count"] = Count(field)
    out["respondents"] = Count("*")
    return out


def _totals(row):
    return {
        code: (row[f"{field}_sum"] or 0, row[f"{field}_count"])
        for code, field in zip(ikm.ELEMENT_CODES, FIELDS, strict=True)
    }


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
    """The IKM of the office (and of each service) in a period: two queries."""
    start, end = bounds(period)
    responses = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
    )
    filed = Application.objects.filter(office=office, filed_at__gte=start, filed_at__lt=end)
    if service is not None:
        responses = responses.filter(service=service)
        filed = filed.filter(version__service=service)
    rows = list(responses.values("service_id").annotate(**_element_aggregates()).order_by())
    # COUNT(*), not COUNT(id): the id is not in the "filed_in_period" index, and
    # counting it makes PostgreSQL read every row instead of only the index.
    population = dict(filed.values_list("version__service_id").annotate(n=Count("*")).order_by())
    names = dict(Service.objects.filter(office=office).values_list("pk", "name"))
    services = []
    totals = {code: [0, 0] for code in ikm.ELEMENT_CODES}
    respondents = 0
    for row in rows:
        per_service = _totals(row)
        for code, (total, count) in per_service.items():
            totals[code][0] += total
            totals[code][1] += count
        respondents += row["respondents"]
        n = population.get(row["service_id"], 0)
        services.append(
            ServiceIkm(
                row["service_id"],
                names.get(row["service_id"], ""),
                row["respondents"],
                ikm.ikm_from_totals(per_service),
                n,
                ikm.krejcie_morgan(n),
            )
        )
    for service_id, n in population.items():
        if not any(s.service_id == service_id for s in services):
            services.append(
                ServiceIkm(
                    service_id,
                    names.get(service_id, ""),
                    0,
                    ikm.ikm_from_totals({}),
                    n,
                    ikm.krejcie_morgan(n),
                )
            )
    services.sort(key=lambda s: s.name)
    total_population = sum(population.values())
    return PeriodIkm(
        period=period,
        respondents=respondents,
        result=ikm.ikm_from_totals({code: tuple(pair) for code, pair in totals.items()}),
        services=services,
        population=total_population,
        sample_size=ikm.krejcie_morgan(total_population),
    )


def ikm_trend(office, kind, count=4, service=None, today=None):
    """IKM of the last `count` periods of `kind`, oldest first: one query per call."""
    wanted = periods.recent_periods(today or timezone.localdate(), kind, count)
    start, _ = bounds(wanted[0])
    _, end = bounds(wanted[-1])
    responses = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
    )
    if service is not None:
        responses = responses.filter(service=service)
    rows = (
        responses.annotate(y=ExtractYear("submitted_at"), m=ExtractMonth("submitted_at"))
        .values("y", "m")
        .annotate(**_element_aggregates())
        .order_by()
    )
    sums = {p.key: {code: [0, 0] for code in ikm.ELEMENT_CODES} for p in wanted}
    counts = dict.fromkeys(sums, 0)
    for row in rows:
        key = periods.period_containing(date(row["y"], row["m"], 1), kind).key
        if key not in sums:
            continue
        for code, (total, count_) in _totals(row).items():
            sums[key][code][0] += total
            sums[key][code][1] += count_
        counts[key] += row["respondents"]
    return [
        {
            "period": p,
            "respondents": counts[p.key],
            "result": ikm.ikm_from_totals({c: tuple(v) for c, v in sums[p.key].items()}),
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


def respondent_profile(office, period, service=None):
    """Counts of respondents by sex, education, occupation and age band: one query."""
    start, end = bounds(period)
    responses = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
    )
    if service is not None:
        responses = responses.filter(service=service)
    aggregates = {}
    for field in PROFILE_FIELDS:
        for value, _label in SurveyResponse._meta.get_field(field).choices:
            aggregates[f"{field}__{value}"] = Count("pk", filter=Q(**{field: value}))
    for i, (low, high, _label) in enumerate(AGE_BANDS):
        aggregates[f"age__{i}"] = Count("pk", filter=Q(age__gte=low, age__lte=high))
    counts = responses.aggregate(**aggregates)
    tables = []
    titles = {"sex": "Jenis kelamin", "education": "Pendidikan", "occupation": "Pekerjaan"}
    for field in PROFILE_FIELDS:
        rows = [
            (str(label), counts[f"{field}__{value}"])
            for value, label in SurveyResponse._meta.get_field(field).choices
        ]
        tables.append({"title": titles[field], "rows": rows})
    tables.insert(
        0,
        {
            "title": "Umur",
            "rows": [(label, counts[f"age__{i}"]) for i, (_l, _h, label) in enumerate(AGE_BANDS)],
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
    start, end = bounds(period)
    responses = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
    )
    if service is not None:
        responses = responses.filter(service=service)
    aggregates = {
        f"{field}_{score}": Count("pk", filter=Q(**{field: score}))
        for field in FIELDS
        for score in range(1, 5)
    }
    counts = responses.aggregate(**aggregates)
    return {
        code: [counts[f"{field}_{score}"] for score in range(1, 5)]
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
