"""Working-minute time for the generator: an instant is a count of working minutes.

Instant W (an int) is minute W % per_day of the (W // per_day)-th working day of the
office's calendar. The working days come from the office's own WorkCalendar, so the
difference of two instants is exactly what `WorkCalendar.minutes_between` says of
them: the generated elapsed and late minutes agree with what the app would record.
Every instant is a whole minute inside office hours; its database text is looked up
in a table, which keeps the generator's time arithmetic to integer additions.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import connection

UTC = datetime.UTC


class Clock:
    def __init__(self, calendar, first_day, last_day):
        self.per_day = calendar.minutes_per_day()
        zone = ZoneInfo(calendar.tz)
        days = []
        day = first_day
        while day <= last_day:
            if calendar.is_working_day(day):
                days.append(day)
            day += datetime.timedelta(days=1)
        self.days = days
        self.opens = [
            datetime.datetime.combine(d, calendar.day_start, tzinfo=zone).astimezone(UTC)
            for d in days
        ]
        suffix = "+00" if connection.vendor == "postgresql" else ""
        minute = datetime.timedelta(minutes=1)
        self.text = [
            (opens + m * minute).strftime("%Y-%m-%d %H:%M:%S") + suffix
            for opens in self.opens
            for m in range(self.per_day)
        ]
        self.day_text = [d.isoformat() for d in days]
        self.end = len(days) * self.per_day

    def at(self, w):
        """The instant as an aware datetime (UTC)."""
        return self.opens[w // self.per_day] + datetime.timedelta(minutes=w % self.per_day)

    def day(self, w):
        """The local date of the instant."""
        return self.days[w // self.per_day]

    def of(self, moment):
        """The first instant at or after `moment` (an aware datetime)."""
        for index, opens in enumerate(self.opens):
            closes = opens + datetime.timedelta(minutes=self.per_day)
            if moment < closes:
                if moment <= opens:
                    return index * self.per_day
                return index * self.per_day + int((moment - opens).total_seconds() // 60)
        return self.end

    def first_of_year(self, year):
        """The first instant of the first working day of `year`."""
        for index, day in enumerate(self.days):
            if day.year >= year:
                return index * self.per_day
        return self.end
