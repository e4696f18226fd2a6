"""The office's working-day calendar: service-standard deadlines are counted in working time.

A deadline of "2 hari kerja" means two full office days of working minutes, not 48 hours:
nights, weekends, national holidays, cuti bersama and office closures do not count.

All arithmetic is done on wall-clock time in the office's zone. Asia/Jakarta has had no
daylight-saving time since 1964, so wall-clock minutes and real minutes agree there.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils.translation import gettext as _

__all__ = ["WorkCalendar", "national_holidays"]

# Limits how far is_working_day may search, so that a calendar whose only working days are
# a finite set of extra days fails loudly instead of looping forever.
_SEARCH_LIMIT_DAYS = 366 * 20


@functools.lru_cache(maxsize=256)
def national_holidays(year: int) -> dict[datetime.date, str]:
    """Indonesia's national holidays and cuti bersama for one year, by date, named in Indonesian.

    Cached because the package computes lunar-calendar dates afresh on every call.
    Imported here, not with the module: a worker that only serves public pages never
    counts working days, and the package is about 5 MB.
    """
    import holidays

    found = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(found.items())


def _whole_minutes(t: datetime.time) -> int:
    return t.hour * 60 + t.minute


@dataclass(frozen=True)
class WorkCalendar:
    tz: str = "Asia/Jakarta"
    day_start: datetime.time = datetime.time(8, 0)
    day_end: datetime.time = datetime.time(16, 0)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday=0
    closures: frozenset[datetime.date] = frozenset()  # office-defined extra days off
    # Office-defined extra working days; they win over holidays, closures and weekends.
    extra_days: frozenset[datetime.date] = frozenset()

    def __post_init__(self) -> None:
        # Callers pass sets and lists from settings or forms; freezing them keeps the
        # calendar hashable and immune to later changes of the caller's collection.
        for field in ("weekdays", "closures", "extra_days"):
            value = getattr(self, field)
            if not isinstance(value, frozenset):
                object.__setattr__(self, field, frozenset(value))
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.tz!r}") from exc
        for t in (self.day_start, self.day_end):
            # Whole minutes only: a deadline counted in minutes must land on a minute
            # boundary when the day starts on one.
            if t.second or t.microsecond or t.tzinfo is not None:
                raise ValueError("office hours must be naive times on whole minutes")
        if self.day_end <= self.day_start:
            raise ValueError("day_end must be after day_start")
        if not self.weekdays <= frozenset(range(7)):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")
        if not self.weekdays and not self.extra_days:
            raise ValueError("a calendar needs at least one working weekday or extra day")

    # -- days ---------------------------------------------------------------

    def minutes_per_day(self) -> int:
        return _whole_minutes(self.day_end) - _whole_minutes(self.day_start)

    def is_working_day(self, d: datetime.date) -> bool:
        if isinstance(d, datetime.datetime):
            d = d.date()
        if d in self.extra_days:
            return True
        if d.weekday() not in self.weekdays or d in self.closures:
            return False
        return d not in national_holidays(d.year)

    def holiday_name(self, d: datetime.date) -> str | None:
        """Name of the national holiday, cuti bersama or office closure on d, else None.

        This names the day whatever else is true of it: an extra working day keeps its
        holiday name, and is_working_day alone says whether the office is open.
        """
        if isinstance(d, datetime.datetime):
            d = d.date()
        name = national_holidays(d.year).get(d)
        if name is not None:
            return name
        if d in self.closures:
            return _("Libur kantor")
        return None

    def _next_working_day(self, start: datetime.date) -> datetime.date:
        """The first working day on or after start."""
        d = start
        for _step in range(_SEARCH_LIMIT_DAYS):
            if self.is_working_day(d):
                return d
            d += datetime.timedelta(days=1)
        raise ValueError(f"no working day within {_SEARCH_LIMIT_DAYS} days of {start}")

    # -- instants -----------------------------------------------------------

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def _wall(self, moment: datetime.datetime) -> datetime.datetime:
        """moment as naive wall-clock time in the office's zone."""
        if moment.tzinfo is None or moment.utcoffset() is None:
            # A naive time is ambiguous between the server's zone and the office's,
            # and guessing wrong shifts every deadline by hours.
            raise ValueError("WorkCalendar needs timezone-aware datetimes")
        return moment.astimezone(self._zone()).replace(tzinfo=None)

    def _aware(self, wall: datetime.datetime) -> datetime.datetime:
        return wall.replace(tzinfo=self._zone())

    def _bounds(self, d: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
        return (
            datetime.datetime.combine(d, self.day_start),
            datetime.datetime.combine(d, self.day_end),
        )

    def _snap(self, wall: datetime.datetime) -> datetime.datetime:
        """The first working instant at or after wall.

        Office hours are half-open: 16:00 itself is closing time, so work handed in
        then starts the next working morning.
        """
        d = wall.date()
        if self.is_working_day(d):
            opens, closes = self._bounds(d)
            if wall < opens:
                return opens
            if wall < closes:
                return wall
        return self._bounds(self._next_working_day(d + datetime.timedelta(days=1)))[0]

    def add_minutes(self, start: datetime.datetime, minutes: int) -> datetime.datetime:
        """The earliest instant by which `minutes` working minutes have passed since start.

        A start outside office hours counts from the next opening. Work that fills a day
        exactly ends at that day's closing time, not at the next opening.
        """
        if minutes < 0:
            raise ValueError("minutes must not be negative")
        cursor = self._snap(self._wall(start))
        remaining = datetime.timedelta(minutes=minutes)
        while True:
            closes = self._bounds(cursor.date())[1]
            left_today = closes - cursor
            if remaining <= left_today:
                return self._aware(cursor + remaining)
            remaining -= left_today
            # Whole days are skipped one at a time: cheap, and a deadline rarely spans
            # more than a few months.
            next_day = self._next_working_day(cursor.date() + datetime.timedelta(days=1))
            cursor = self._bounds(next_day)[0]

    def add_days(self, start: datetime.datetime, days: int | float) -> datetime.datetime:
        return self.add_minutes(start, round(days * self.minutes_per_day()))

    def minutes_between(self, a: datetime.datetime, b: datetime.datetime) -> int:
        """Whole working minutes from a to b; negative if b is before a."""
        wall_a, wall_b = self._wall(a), self._wall(b)
        if wall_b < wall_a:
            return -self._working_minutes(wall_b, wall_a)
        return self._working_minutes(wall_a, wall_b)

    def _working_minutes(self, a: datetime.datetime, b: datetime.datetime) -> int:
        total = datetime.timedelta()
        d = a.date()
        while d <= b.date():
            if self.is_working_day(d):
                opens, closes = self._bounds(d)
                lo, hi = max(a, opens), min(b, closes)
                if hi > lo:
                    total += hi - lo
            d += datetime.timedelta(days=1)
        return total // datetime.timedelta(minutes=1)
