"""Survey periods: a year, or a year split in semesters or quarters.

Pure: dates in, dates out. A period is named by a key such as ``2026``, ``2026-S1``
or ``2026-Q3`` so it can travel in a URL and be stored with a follow-up item.
Bounds are local (Asia/Jakarta) dates, end exclusive.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

YEARLY, SEMESTER, QUARTER = "yearly", "semester", "quarter"
KINDS = (YEARLY, SEMESTER, QUARTER)
_MONTHS = {YEARLY: 12, SEMESTER: 6, QUARTER: 3}
_LETTER = {SEMESTER: "S", QUARTER: "Q"}
_KEY = re.compile(r"^(\d{4})(?:-([SQ])([1-4]))?$")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    index: int  # 1-based within the year; always 1 for a yearly period

    @property
    def key(self):
        if self.kind == YEARLY:
            return str(self.year)
        return f"{self.year}-{_LETTER[self.kind]}{self.index}"

    @property
    def label(self):
        if self.kind == YEARLY:
            return _("Tahun %(year)s") % {"year": self.year}
        if self.kind == SEMESTER:
            return _("Semester %(n)s %(year)s") % {"n": "I" * self.index, "year": self.year}
        quarter = ("I", "II", "III", "IV")[self.index - 1]
        return _("Triwulan %(n)s %(year)s") % {"n": quarter, "year": self.year}

    @property
    def start(self):
        return date(self.year, (self.index - 1) * _MONTHS[self.kind] + 1, 1)

    @property
    def end(self):
        """The first day after the period."""
        month = self.index * _MONTHS[self.kind] + 1
        return date(self.year + 1, 1, 1) if month > 12 else date(self.year, month, 1)

    def previous(self):
        if self.index > 1:
            return Period(self.kind, self.year, self.index - 1)
        return Period(self.kind, self.year - 1, 12 // _MONTHS[self.kind])

    def next(self):
        if self.index < 12 // _MONTHS[self.kind]:
            return Period(self.kind, self.year, self.index + 1)
        return Period(self.kind, self.year + 1, 1)

    def __str__(self):
        return self.label


def period_containing(day, kind):
    """The period of `kind` that holds the local date `day`."""
    if kind not in KINDS:
        raise ValueError(f"unknown period kind {kind!r}")
    return Period(kind, day.year, (day.month - 1) // _MONTHS[kind] + 1)


def parse_period(key):
    """A Period from its key; ValueError for anything else."""
    match = _KEY.match(str(key or "").strip())
    if not match:
        raise ValueError(f"not a period: {key!r}")
    year, letter, index = match.groups()
    if letter is None:
        return Period(YEARLY, int(year), 1)
    kind = SEMESTER if letter == "S" else QUARTER
    if int(index) > 12 // _MONTHS[kind]:
        raise ValueError(f"not a period: {key!r}")
    return Period(kind, int(year), int(index))


def recent_periods(day, kind, count):
    """The `count` periods up to and including the one holding `day`, oldest first."""
    period = period_containing(day, kind)
    out = [period]
    for _step in range(count - 1):
        period = period.previous()
        out.append(period)
    return out[::-1]
