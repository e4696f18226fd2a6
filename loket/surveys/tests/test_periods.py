from datetime import date

import pytest

from loket.surveys.periods import parse_period, period_containing, recent_periods


def test_it_names_and_bounds_periods():
    """Keys round-trip; bounds are [start, end) local dates."""
    q = period_containing(date(2026, 8, 17), "quarter")
    assert (q.key, q.start, q.end) == ("2026-Q3", date(2026, 7, 1), date(2026, 10, 1))
    s = period_containing(date(2026, 12, 31), "semester")
    assert (s.key, s.end, s.next().key) == ("2026-S2", date(2027, 1, 1), "2027-S1")
    assert parse_period("2025").end == date(2026, 1, 1)
    assert parse_period("2026-Q1").previous().key == "2025-Q4"
    for bad in ("2026-Q5", "2026-S3", "x", ""):
        with pytest.raises(ValueError):
            parse_period(bad)


def test_it_lists_recent_periods_oldest_first():
    """recent_periods ends with the period holding the day."""
    keys = [p.key for p in recent_periods(date(2026, 2, 1), "semester", 3)]
    assert keys == ["2025-S1", "2025-S2", "2026-S1"]
