import datetime
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loket.lib.workdays import WorkCalendar, national_holidays

JAKARTA = ZoneInfo("Asia/Jakarta")
CAL = WorkCalendar()

# The calendar decided by the joint ministerial decree (SKB) for 2026, as the package has it.
CUTI_BERSAMA_2026 = [
    date(2026, 2, 16),
    date(2026, 3, 18),
    date(2026, 3, 20),
    date(2026, 3, 23),
    date(2026, 3, 24),
    date(2026, 5, 15),
    date(2026, 5, 28),
    date(2026, 12, 24),
]


def at(y, m, d, hh=0, mm=0, ss=0, tz=JAKARTA):
    return datetime.datetime(y, m, d, hh, mm, ss, tzinfo=tz)


# -- the national calendar --------------------------------------------------


def test_it_reads_every_2026_cuti_bersama_day_from_the_package():
    """Each 2026 cuti bersama day is in the package's government category, named as such."""
    found = national_holidays(2026)
    for d in CUTI_BERSAMA_2026:
        assert "Cuti Bersama" in found[d], d
    named_cuti = {d for d, name in found.items() if name.startswith("Cuti Bersama")}
    assert named_cuti == set(CUTI_BERSAMA_2026)


@pytest.mark.parametrize("d", CUTI_BERSAMA_2026)
def test_it_closes_the_office_on_each_2026_cuti_bersama_day(d):
    """No 2026 cuti bersama day is a working day, and each has its name."""
    assert d.weekday() < 5  # all fall on weekdays, so only the holiday closes them
    assert not CAL.is_working_day(d)
    assert CAL.holiday_name(d).startswith("Cuti Bersama")


def test_it_knows_idul_fitri_2026_and_the_long_leave_around_it():
    """Idul Fitri 1447 H is 21-22 March 2026; Nyepi and cuti bersama close 18-24 March."""
    assert "Idul Fitri" in CAL.holiday_name(date(2026, 3, 21))
    assert "Idul Fitri" in CAL.holiday_name(date(2026, 3, 22))
    assert CAL.holiday_name(date(2026, 3, 19)) == "Hari Suci Nyepi"
    closed = [date(2026, 3, day) for day in range(18, 25)]
    assert not any(CAL.is_working_day(d) for d in closed)
    assert CAL.is_working_day(date(2026, 3, 17))
    assert CAL.is_working_day(date(2026, 3, 25))
    assert CAL.is_working_day(date(2026, 3, 26))


def test_it_counts_two_days_across_the_idul_fitri_leave():
    """Filed Tuesday 17 March 09:00 with 2 working days: due Thursday 26 March 09:00."""
    start = at(2026, 3, 17, 9)
    assert CAL.add_days(start, 2) == at(2026, 3, 26, 9)
    assert CAL.minutes_between(start, at(2026, 3, 26, 9)) == 2 * 480


def test_it_starts_a_file_filed_on_nyepi_after_the_leave():
    """Filed on Nyepi (Thursday 19 March 2026) 09:00, 2 days run 25 and 26 March in full."""
    assert CAL.add_days(at(2026, 3, 19, 9), 2) == at(2026, 3, 26, 16)
    assert CAL.add_minutes(at(2026, 3, 19, 9), 0) == at(2026, 3, 25, 8)


def test_it_names_holidays_in_indonesian_and_leaves_ordinary_days_unnamed():
    """holiday_name gives the Indonesian name, and None on ordinary working days and weekends."""
    assert CAL.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"
    assert CAL.holiday_name(date(2026, 3, 10)) is None
    assert CAL.holiday_name(date(2026, 3, 7)) is None  # a plain Saturday


def test_it_accepts_datetimes_where_dates_are_expected():
    """is_working_day and holiday_name look at the date part of a datetime."""
    assert not CAL.is_working_day(datetime.datetime(2026, 8, 17, 10))
    assert CAL.holiday_name(datetime.datetime(2026, 8, 17, 10)) is not None


# -- weekends, closures, extra days -----------------------------------------


def test_it_closes_on_weekends():
    """Saturday and Sunday are not working days; an ordinary Monday to Friday are."""
    week = [date(2026, 3, 2) + timedelta(days=i) for i in range(7)]
    assert [CAL.is_working_day(d) for d in week] == [True] * 5 + [False] * 2


def test_it_skips_a_weekend():
    """A 3-minute step started Friday 15:59 is due Monday 08:02."""
    assert CAL.add_minutes(at(2026, 3, 6, 15, 59), 3) == at(2026, 3, 9, 8, 2)


def test_it_honours_office_closures():
    """A closure day is skipped and named as an office holiday."""
    closed = date(2026, 3, 10)
    cal = WorkCalendar(closures=frozenset({closed}))
    assert not cal.is_working_day(closed)
    assert cal.holiday_name(closed) == "Libur kantor"
    assert cal.add_minutes(at(2026, 3, 9, 15, 0), 120) == at(2026, 3, 11, 9, 0)


def test_it_prefers_the_national_name_when_a_closure_falls_on_a_holiday():
    """A closure on a national holiday keeps the holiday's own name."""
    cal = WorkCalendar(closures=frozenset({date(2026, 8, 17)}))
    assert cal.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"


def test_it_works_on_a_saturday_made_a_working_day():
    """An extra working day turns a Saturday into a day that counts."""
    saturday = date(2026, 3, 7)
    cal = WorkCalendar(extra_days=frozenset({saturday}))
    assert cal.is_working_day(saturday)
    assert cal.add_minutes(at(2026, 3, 6, 15, 59), 3) == at(2026, 3, 7, 8, 2)


def test_it_lets_extra_days_win_over_holidays_and_closures():
    """An extra working day overrides a national holiday, cuti bersama and a closure."""
    days = {date(2026, 8, 17), date(2026, 12, 24), date(2026, 3, 10)}
    cal = WorkCalendar(closures=frozenset({date(2026, 3, 10)}), extra_days=frozenset(days))
    assert all(cal.is_working_day(d) for d in days)
    # The day keeps its name; only is_working_day says the office is open.
    assert cal.holiday_name(date(2026, 8, 17)) == "Hari Kemerdekaan Republik Indonesia"


def test_it_freezes_collections_given_as_sets_or_lists():
    """Plain sets and lists are frozen so the calendar stays hashable."""
    cal = WorkCalendar(weekdays={0, 1, 2, 3, 4, 5}, closures=[date(2026, 3, 10)])
    assert isinstance(cal.weekdays, frozenset)
    assert isinstance(cal.closures, frozenset)
    hash(cal)
    assert cal.is_working_day(date(2026, 3, 7))


def test_it_supports_a_six_day_week():
    """Saturday counts when it is one of the weekdays."""
    cal = WorkCalendar(weekdays=frozenset(range(6)))
    assert cal.is_working_day(date(2026, 3, 7))
    assert not cal.is_working_day(date(2026, 3, 8))


def test_it_counts_on_a_calendar_made_only_of_extra_days():
    """With no regular weekdays, only the extra days count, and beyond them nothing does."""
    only = date(2026, 3, 11)
    cal = WorkCalendar(weekdays=frozenset(), extra_days=frozenset({only}))
    assert cal.add_minutes(at(2026, 3, 1, 9), 60) == at(2026, 3, 11, 9)
    with pytest.raises(ValueError):
        cal.add_minutes(at(2026, 3, 11, 9), 481)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"day_start": time(16, 0), "day_end": time(8, 0)},
        {"day_start": time(8, 0), "day_end": time(8, 0)},
        {"day_start": time(8, 0, 30)},
        {"day_end": time(16, 0, tzinfo=JAKARTA)},
        {"weekdays": frozenset({7})},
        {"weekdays": frozenset()},
        {"tz": "Asia/Atlantis"},
        {"tz": "../etc/passwd"},
    ],
)
def test_it_refuses_a_calendar_that_cannot_work(kwargs):
    """Backwards or empty hours, unknown zones and impossible weekdays raise ValueError."""
    with pytest.raises(ValueError):
        WorkCalendar(**kwargs)


# -- office hours edges -------------------------------------------------------


def test_it_reports_the_length_of_a_day():
    """minutes_per_day is the span of office hours."""
    assert CAL.minutes_per_day() == 480
    assert WorkCalendar(day_start=time(7, 30), day_end=time(15, 45)).minutes_per_day() == 495


@pytest.mark.parametrize(
    ("start", "snapped"),
    [
        (at(2026, 3, 10, 7, 59), at(2026, 3, 10, 8, 0)),  # before opening
        (at(2026, 3, 10, 8, 0), at(2026, 3, 10, 8, 0)),  # at opening
        (at(2026, 3, 10, 12, 34, 56), at(2026, 3, 10, 12, 34, 56)),  # inside hours
        (at(2026, 3, 10, 15, 59, 59), at(2026, 3, 10, 15, 59, 59)),  # last second
        (at(2026, 3, 10, 16, 0), at(2026, 3, 11, 8, 0)),  # closing time is closed
        (at(2026, 3, 10, 23, 0), at(2026, 3, 11, 8, 0)),  # evening
        (at(2026, 3, 7, 10, 0), at(2026, 3, 9, 8, 0)),  # Saturday
        (at(2026, 8, 17, 10, 0), at(2026, 8, 18, 8, 0)),  # Independence Day
    ],
)
def test_it_snaps_a_start_forward_to_working_time(start, snapped):
    """add_minutes(start, 0) is the first working instant at or after start."""
    assert CAL.add_minutes(start, 0) == snapped


def test_it_ends_work_that_fills_a_day_at_closing_time():
    """A full day of work started at opening is due at that day's closing time."""
    assert CAL.add_minutes(at(2026, 3, 10, 8), 480) == at(2026, 3, 10, 16)
    assert CAL.add_minutes(at(2026, 3, 10, 8), 481) == at(2026, 3, 11, 8, 1)
    assert CAL.add_days(at(2026, 3, 10, 8), 1) == at(2026, 3, 10, 16)


def test_it_rounds_fractional_days_to_whole_minutes():
    """add_days accepts fractions of a day and rounds them to the nearest minute."""
    assert CAL.add_days(at(2026, 3, 10, 8), 0.5) == at(2026, 3, 10, 12)
    assert CAL.add_days(at(2026, 3, 10, 8), 1 / 480 * 1.4) == at(2026, 3, 10, 8, 1)
    assert CAL.add_days(at(2026, 3, 10, 9), 0) == at(2026, 3, 10, 9)


def test_it_keeps_seconds_of_a_start_inside_office_hours():
    """Sub-minute parts of the start carry over to the result."""
    assert CAL.add_minutes(at(2026, 3, 10, 9, 0, 30), 3) == at(2026, 3, 10, 9, 3, 30)


def test_it_refuses_naive_datetimes():
    """Naive datetimes raise ValueError instead of guessing a zone."""
    naive = datetime.datetime(2026, 3, 10, 9)
    with pytest.raises(ValueError):
        CAL.add_minutes(naive, 1)
    with pytest.raises(ValueError):
        CAL.add_days(naive, 1)
    with pytest.raises(ValueError):
        CAL.minutes_between(naive, at(2026, 3, 10, 10))
    with pytest.raises(ValueError):
        CAL.minutes_between(at(2026, 3, 10, 10), naive)


def test_it_refuses_negative_minutes():
    """Counting backwards is not supported and raises ValueError."""
    with pytest.raises(ValueError):
        CAL.add_minutes(at(2026, 3, 10, 9), -1)
    with pytest.raises(ValueError):
        CAL.add_days(at(2026, 3, 10, 9), -1)


# -- time zones ---------------------------------------------------------------


def test_it_answers_in_the_office_zone_whatever_zone_it_is_given():
    """A start given in UTC is read as Jakarta wall time and the result is in Jakarta."""
    start = datetime.datetime(2026, 3, 10, 1, 0, tzinfo=datetime.UTC)  # 08:00 WIB
    due = CAL.add_minutes(start, 60)
    assert due == at(2026, 3, 10, 9)
    assert due.tzinfo == JAKARTA
    assert due.utcoffset() == timedelta(hours=7)


def test_it_is_unaffected_by_daylight_saving_elsewhere():
    """Asia/Jakarta is UTC+7 all year, so a day is 480 minutes on both sides of DST changes."""
    for d in (date(2026, 3, 27), date(2026, 3, 30), date(2026, 10, 23), date(2026, 10, 26)):
        start = datetime.datetime.combine(d, time(8), tzinfo=JAKARTA)
        assert start.utcoffset() == timedelta(hours=7)
        assert CAL.add_minutes(start, 480) == datetime.datetime.combine(d, time(16), tzinfo=JAKARTA)
    berlin = ZoneInfo("Europe/Berlin")
    # 02:00 UTC on 30 March 2026 (the Monday after Berlin's switch) is 09:00 in Jakarta.
    assert CAL.add_minutes(datetime.datetime(2026, 3, 30, 4, 0, tzinfo=berlin), 0) == at(
        2026, 3, 30, 9
    )


def test_it_follows_another_zone_when_configured():
    """A calendar for WITA counts office hours in Makassar time."""
    wita = WorkCalendar(tz="Asia/Makassar")
    due = wita.add_minutes(at(2026, 3, 10, 7, 0), 0)  # 08:00 WITA
    assert due == datetime.datetime(2026, 3, 10, 8, 0, tzinfo=ZoneInfo("Asia/Makassar"))


# -- minutes_between ------------------------------------------------------------


def test_it_counts_working_minutes_between_two_moments():
    """Only office hours on working days are counted, both ways round."""
    assert CAL.minutes_between(at(2026, 3, 10, 8), at(2026, 3, 10, 9)) == 60
    assert CAL.minutes_between(at(2026, 3, 6, 15), at(2026, 3, 9, 9)) == 120
    assert CAL.minutes_between(at(2026, 3, 9, 9), at(2026, 3, 6, 15)) == -120
    assert CAL.minutes_between(at(2026, 3, 7, 9), at(2026, 3, 8, 23)) == 0
    assert CAL.minutes_between(at(2026, 3, 10, 9), at(2026, 3, 10, 9)) == 0
    assert CAL.minutes_between(at(2026, 3, 10, 9), at(2026, 3, 10, 9, 0, 59)) == 0


def test_it_counts_a_year_of_working_minutes_quickly():
    """2026 has 240 working days (261 weekdays less 21 holidays and cuti bersama on them)."""
    working = sum(CAL.is_working_day(date(2026, 1, 1) + timedelta(days=i)) for i in range(365))
    assert working == 240
    assert CAL.minutes_between(at(2026, 1, 1), at(2027, 1, 1)) == working * 480
    due = CAL.add_minutes(at(2026, 1, 1), working * 480)
    assert due == at(2026, 12, 31, 16)


# -- properties -----------------------------------------------------------------

zones = st.sampled_from(
    [JAKARTA, datetime.UTC, ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")]
)
starts = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1),
    max_value=datetime.datetime(2035, 12, 31),
    timezones=zones,
)
minutes = st.integers(min_value=0, max_value=50_000)


@given(start=starts, m=minutes)
def test_it_makes_minutes_between_the_inverse_of_add_minutes(start, m):
    """minutes_between(snap(start), add_minutes(start, m)) == m for any aware start."""
    snapped = CAL.add_minutes(start, 0)
    assert CAL.minutes_between(snapped, CAL.add_minutes(start, m)) == m


@given(start=starts, m=minutes)
def test_it_always_lands_inside_office_hours_on_a_working_day(start, m):
    """A result is on a working day, from opening to closing inclusive, and in Jakarta time."""
    due = CAL.add_minutes(start, m)
    assert due.tzinfo == JAKARTA
    assert CAL.is_working_day(due.date())
    assert time(8) <= due.time() <= time(16)
    assert due >= start


@given(start=starts, m1=minutes, m2=minutes)
def test_it_never_gives_an_earlier_deadline_for_more_work(start, m1, m2):
    """add_minutes is monotonic in the number of minutes."""
    lo, hi = sorted((m1, m2))
    assert CAL.add_minutes(start, lo) <= CAL.add_minutes(start, hi)


@given(s1=starts, s2=starts, m=st.integers(min_value=0, max_value=5_000))
def test_it_never_gives_an_earlier_deadline_for_a_later_start(s1, s2, m):
    """add_minutes is monotonic in the start."""
    early, late = sorted((s1, s2))
    assert CAL.add_minutes(early, m) <= CAL.add_minutes(late, m)


@given(a=starts, b=starts)
def test_it_makes_minutes_between_antisymmetric(a, b):
    """minutes_between(a, b) == -minutes_between(b, a)."""
    assert CAL.minutes_between(a, b) == -CAL.minutes_between(b, a)


@given(a=starts, b=starts, c=starts)
def test_it_adds_up_minutes_between_consecutive_spans(a, b, c):
    """Working time from a to c is at most one minute off the sum via b (floors of seconds)."""
    a, b, c = sorted((a, b, c))
    total = CAL.minutes_between(a, c)
    parts = CAL.minutes_between(a, b) + CAL.minutes_between(b, c)
    assert 0 <= total - parts <= 1
