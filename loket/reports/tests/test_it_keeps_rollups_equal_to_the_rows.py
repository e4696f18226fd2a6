"""The report roll-ups equal the aggregates of the rows they count.

Hypothesis draws random offices' worth of writes: files filed at any hour around a
year's and a month's edges (the roll-ups' months are the office's, UTC+7), hand-overs
at random steps by random officers with random working and standard minutes,
returns, permits numbered before or after hand-overs, revocations, survey responses
with unanswered elements, and complaints weighed, answered and closed with their
closing lines. Each is written through the ORM, so the same `post_save` receivers as
the engine's own writes keep the roll-ups. Then:

- the reports (supervision, IKM, the monthly complaint report), which read the
  roll-ups, give the figures of the hand-written SQL over the rows (bench/sql.py);
- the dashboard's permits per month and working days to issue equal the old
  aggregates over permits and control cards, and its open complaints by weight (read
  from the complaint roll-up) the live count of complaints not closed;
- `manage.py rebuild_rollups --check` recounts every roll-up from the rows and
  finds what the writes kept.

A last test runs real files through the engine's actions (filing, every step, a
return and resubmission, numbering, a revocation) and checks the same equality.
"""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import reports as bench_reports
from bench import sql as bench_sql
from loket.complaints.models import CHANNELS, TYPES, WEIGHTS, Complaint, RegisterEntry
from loket.permits.models import Application, ControlCardEntry, Permit
from loket.reports import dashboard, supervision
from loket.surveys import ikm, periods, queries
from loket.surveys.models import SurveyResponse
from loket.testing import file_for, make_officers

YEAR = 2025
ZONE = ZoneInfo("Asia/Jakarta")
UTC = datetime.UTC
# From mid-December of the year before to mid-January after, with October's month
# edges (the monthly report's month) well covered.
START = datetime.datetime(YEAR - 1, 12, 15, tzinfo=UTC)
SPAN_HOURS = 24 * 400
EDGES = [
    datetime.datetime(YEAR, 10, 1, tzinfo=ZONE),
    datetime.datetime(YEAR, 11, 1, tzinfo=ZONE),
    datetime.datetime(YEAR, 1, 1, tzinfo=ZONE),
    datetime.datetime(YEAR + 1, 1, 1, tzinfo=ZONE),
]

instants = st.one_of(
    st.integers(0, SPAN_HOURS * 60).map(lambda m: START + datetime.timedelta(minutes=m)),
    # A minute either side of a month's edge in the office's time zone.
    st.tuples(st.sampled_from(EDGES), st.integers(-90, 90)).map(
        lambda p: (p[0] + datetime.timedelta(minutes=p[1])).astimezone(UTC)
    ),
)

handovers = st.lists(
    st.fixed_dictionaries(
        {
            "step": st.integers(1, 9),
            "officer": st.integers(0, 2),
            "elapsed": st.one_of(st.none(), st.integers(0, 600)),
            "standard": st.sampled_from([5, 30, 120, 480]),
            "event": st.sampled_from(["handed_over"] * 4 + ["returned", "received"]),
            "at": instants,
        }
    ),
    max_size=8,
)

files = st.lists(
    st.fixed_dictionaries(
        {
            "filed_at": instants,
            "card": handovers,
            # None: no permit; else the instant it was numbered.
            "numbered_at": st.one_of(st.none(), instants),
            "revoked": st.booleans(),
        }
    ),
    max_size=5,
)

scores = st.one_of(st.none(), st.integers(1, 4))
responses = st.lists(
    st.fixed_dictionaries(
        {
            "at": instants,
            "scores": st.lists(scores, min_size=9, max_size=9),
            "age": st.integers(17, 75),
            "sex": st.sampled_from([c for c, _l in SurveyResponse.SEXES]),
            "education": st.sampled_from([c for c, _l in SurveyResponse.EDUCATION]),
            "occupation": st.sampled_from([c for c, _l in SurveyResponse.OCCUPATIONS]),
        }
    ),
    max_size=8,
)

complaints = st.lists(
    st.fixed_dictionaries(
        {
            "received_at": instants,
            "due_days": st.integers(-30, 30),
            "channel": st.sampled_from([c for c, _l in CHANNELS]),
            "type": st.sampled_from([c for c, _l in TYPES]),
            "weight": st.sampled_from(["", *(c for c, _l in WEIGHTS)]),
            "status": st.sampled_from([c for c, _l in Complaint.STATUSES]),
            "closed_after_days": st.one_of(st.none(), st.integers(0, 40)),
            "handling_minutes": st.one_of(st.none(), st.integers(0, 20_000)),
        }
    ),
    max_size=6,
)


def _old_issue_figures(office, months):
    """The dashboard's figures as they were computed before the roll-ups."""
    zone = ZONE
    start = datetime.datetime.combine(months[0], datetime.time.min, zone)
    permits = {
        r["month"].date(): r["n"]
        for r in Permit.objects.filter(office=office, numbered_at__gte=start)
        .annotate(month=TruncMonth("numbered_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    issued = {
        r["month"].date(): (r["minutes"] or 0, r["files"])
        for r in ControlCardEntry.objects.filter(
            application__office=office,
            event=ControlCardEntry.HANDED_OVER,
            application__permit__numbered_at__gte=start,
            at__lte=F("application__permit__numbered_at"),
        )
        .annotate(month=TruncMonth("application__permit__numbered_at"))
        .values("month")
        .annotate(minutes=Sum("elapsed_minutes"), files=Count("application", distinct=True))
        .order_by()
    }
    return permits, issued


def _ikm_of_rows(office, start, end, service_id=None):
    """The IKM of the period straight from the counted responses (the pure `ikm`
    module)."""
    rows = SurveyResponse.objects.filter(
        office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
    )
    if service_id is not None:
        rows = rows.filter(service_id=service_id)
    answers = [{code: getattr(r, code.lower()) for code in ikm.ELEMENT_CODES} for r in rows]
    return len(answers), ikm.ikm_from_responses(answers)


def _assert_rollups_equal_rows(office, now):
    period = periods.Period(periods.YEARLY, YEAR, 1)
    start, end = queries.bounds(period)
    found = queries.ikm_for_period(office, period)
    assert (found.respondents, found.result) == _ikm_of_rows(office, start, end)
    filed = dict(
        Application.objects.filter(office=office, filed_at__gte=start, filed_at__lt=end)
        .values_list("version__service_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    assert found.population == sum(filed.values())
    answered = set(
        SurveyResponse.objects.filter(
            office=office, submitted_at__gte=start, submitted_at__lt=end, counted=True
        ).values_list("service_id", flat=True)
    )
    assert {s.service_id for s in found.services} == answered | set(filed)
    for s in found.services:
        assert s.population == filed.get(s.service_id, 0)
        assert (s.respondents, s.result) == _ikm_of_rows(office, start, end, s.service_id)
    assert (
        bench_reports.compare_supervision(
            bench_reports.app_supervision(office, period), bench_sql.supervision(office, period)
        )
        == []
    )
    month = bench_reports.REPORT_MONTH
    assert (
        bench_reports.compare_monthly(
            bench_reports.app_monthly(office, YEAR, month, now),
            bench_sql.monthly(office, YEAR, month, now),
        )
        == []
    )
    months = [datetime.date(YEAR - 1 + (m // 12), m % 12 + 1, 1) for m in range(11, 25)]
    permits, issued = _old_issue_figures(office, months)
    assert dashboard.permits_per_month(office, months) == [
        {"month": m, "n": permits.get(m, 0)} for m in months
    ]
    per_day = 480
    assert dashboard.working_days_to_issue(office, months, per_day) == [
        {
            "month": m,
            "files": issued.get(m, (0, 0))[1],
            "days": (
                round(issued[m][0] / issued[m][1] / per_day, 2)
                if issued.get(m, (0, 0))[1]
                else None
            ),
        }
        for m in months
    ]
    still_open = Complaint.objects.filter(office=office, closed_at__isnull=True)
    summary = dashboard.complaints_summary(office, now)
    assert {r["weight"]: r["open"] for r in summary} == dict(
        still_open.values_list("weight").annotate(n=Count("pk")).order_by()
    )
    for r in summary:
        assert r["overdue"] == still_open.filter(weight=r["weight"], due_at__lt=now).count()
    call_command("rebuild_rollups", "--check", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def world(sikts, office, applicant):
    officers = [make_officers(office, f"r{i}-")["jf_ahli_muda"] for i in range(2)] + [None]
    template = file_for(sikts, applicant)
    fields = {
        f.attname: getattr(template, f.attname)
        for f in Application._meta.concrete_fields
        if f.attname not in ("id", "reg_number", "tracking_code", "filed_at")
    }
    return office, officers, fields, sikts.service


def _write(world, drawn_files, drawn_responses, drawn_complaints):
    office, officers, fields, service = world
    serial = Application.objects.count()
    for i, drawn in enumerate(drawn_files):
        serial += 1
        application = Application.objects.create(
            **fields,
            reg_number=f"R-{serial}-{i}",
            tracking_code=f"T{serial}",
            filed_at=drawn["filed_at"],
        )
        entries = list(drawn["card"])
        numbered_at = drawn["numbered_at"]
        # The permit numbered half-way through the card, so hand-overs come both before
        # its row is written and after.
        half = len(entries) // 2
        for n, entry in enumerate(entries):
            if n == half and numbered_at is not None:
                _permit(application, office, numbered_at, serial, drawn["revoked"])
            elapsed = entry["elapsed"] if entry["event"] == "handed_over" else None
            officer = officers[entry["officer"]]
            ControlCardEntry.objects.create(
                application=application,
                step_no=entry["step"],
                role="jf_ahli_muda",
                event=entry["event"],
                officer=officer,
                officer_name=officer.username if officer else "",
                at=entry["at"],
                standard_minutes=entry["standard"],
                elapsed_minutes=elapsed,
                late_minutes=None if elapsed is None else elapsed - entry["standard"],
            )
        if numbered_at is not None and half >= len(entries):
            _permit(application, office, numbered_at, serial, drawn["revoked"])
    for k, drawn in enumerate(drawn_responses):
        # Every other one anonymous: held apart, in no figure.
        counted = k % 2 == 0
        SurveyResponse.objects.create(
            office=office,
            service=service,
            channel=SurveyResponse.KIOSK,
            counted=counted,
            held="" if counted else SurveyResponse.ANONYMOUS,
            submitted_at=drawn["at"],
            age=drawn["age"],
            sex=drawn["sex"],
            education=drawn["education"],
            occupation=drawn["occupation"],
            **{f"u{i}": s for i, s in enumerate(drawn["scores"], start=1)},
        )
    for n, drawn in enumerate(drawn_complaints):
        complaint = Complaint.objects.create(
            office=office,
            ticket=f"ADU-{serial}-{n}",
            tracking_code=f"K{n}",
            channel=drawn["channel"],
            type=drawn["type"],
            description="uji",
            received_at=drawn["received_at"],
            due_at=drawn["received_at"] + datetime.timedelta(days=drawn["due_days"]),
        )
        # Weighed, then answered and closed later: each a save of its own.
        complaint.weight = drawn["weight"]
        complaint.status = drawn["status"]
        complaint.save()
        if drawn["closed_after_days"] is not None:
            complaint.closed_at = complaint.received_at + datetime.timedelta(
                days=drawn["closed_after_days"]
            )
            complaint.status = Complaint.CLOSED
            complaint.save()
            RegisterEntry.objects.create(
                office=office,
                complaint=complaint,
                at=complaint.closed_at,
                reason="selesai",
                complaint_date=complaint.received_at.date(),
                type=complaint.type,
                weight=complaint.weight,
                channel=complaint.channel,
                status=complaint.status,
                handling_minutes=drawn["handling_minutes"],
            )


def _permit(application, office, numbered_at, serial, revoked):
    permit = Permit.objects.create(
        application=application,
        office=office,
        number=f"P/{application.pk}",
        year=numbered_at.year,
        seq=application.pk,
        numbered_at=numbered_at,
        verify_code=f"V{application.pk}x{serial}",
    )
    if revoked:
        Permit.objects.filter(pk=permit.pk).update(status=Permit.REVOKED, revoked_at=numbered_at)


@settings(
    max_examples=int(os.environ.get("ROLLUP_EXAMPLES", 25)),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drawn_files=files, drawn_responses=responses, drawn_complaints=complaints)
def test_it_keeps_every_rollup_equal_to_the_rows(
    world, drawn_files, drawn_responses, drawn_complaints
):
    """Whatever is written, in any order and at any hour, the reports read from the
    roll-ups show the figures of the rows, and a rebuild finds nothing to change."""
    with transaction.atomic():
        _write(world, drawn_files, drawn_responses, drawn_complaints)
        _assert_rollups_equal_rows(world[0], datetime.datetime(YEAR, 10, 20, tzinfo=UTC))
        transaction.set_rollback(True)


def test_it_keeps_the_rollups_through_the_engines_own_actions(
    sikts, office, officers, applicant, django_capture_on_commit_callbacks
):
    """Files filed, returned at the check and resubmitted, taken through every step to
    their number, one permit revoked, a response submitted: the roll-ups the actions
    kept equal a recount from the rows, and the supervision and dashboard figures
    count every hand-over."""
    from loket.permits import actions as permit_actions
    from loket.permits import issuance
    from loket.surveys import actions as survey_actions
    from loket.surveys.tests.helpers import form_data
    from loket.testing import advance

    with django_capture_on_commit_callbacks(execute=True):
        returned = permit_actions.return_to_applicant(
            file_for(sikts, applicant), officers["front_office"], {"ktp": "buram"}, step_no=2
        )
        returned = permit_actions.resubmit(returned, applicant.user, [], 10**8)
        done = [advance(returned, officers, 99), advance(file_for(sikts, applicant), officers, 99)]
        issuance.revoke_permit(done[0].permit, officers["kepala_dinas"], "STR dicabut")
        advance(file_for(sikts, applicant), officers, 5)
        kiosk, _token = survey_actions.register_kiosk(office, officers["front_office"], "Kios")
        survey_actions.submit_anonymous(sikts.service, form_data(3), device=kiosk)
        survey_actions.submit_anonymous(sikts.service, form_data(2))  # anonymous: not counted
    call_command("rebuild_rollups", "--check", stdout=open("/dev/null", "w"))  # noqa: SIM115
    today = periods.period_containing(timezone.localdate(), periods.YEARLY)
    data = supervision.supervision(office, today)
    handed = ControlCardEntry.objects.filter(
        event=ControlCardEntry.HANDED_OVER, elapsed_minutes__isnull=False
    )
    assert data["handovers"] == handed.count() > 0
    this_month = timezone.localdate().replace(day=1)
    assert dashboard.permits_per_month(office, [this_month]) == [{"month": this_month, "n": 2}]
    assert queries.ikm_for_period(office, today).respondents == 1
