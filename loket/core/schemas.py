"""Shapes every API shares: the error body, times with their offset, a page of a list.

Times leave the API in Asia/Jakarta with their offset (ISO 8601), the way an office
reads them; they are stored in UTC.
"""

import re
from datetime import date, datetime
from typing import Annotated, Generic, TypeVar

from django.utils import timezone
from ninja import Query, Schema
from pydantic import AfterValidator, BeforeValidator, Field

T = TypeVar("T")

LocalTime = Annotated[datetime, AfterValidator(timezone.localtime)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value):
    """A date given as anything but YYYY-MM-DD is refused: pydantic alone reads a number
    as seconds since 1970 ("-1.5e-12" would be 1 January 1970) and "2026-12-07T10:00"
    as a date, neither of which anyone sending a date means."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise ValueError("Tanggal ditulis YYYY-MM-DD, misalnya 2026-12-07.")
    return value


_ISO_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?"
)


def _iso_time_only(value):
    """A time given as anything but ISO 8601 (date and time, an offset if any) is
    refused: pydantic alone reads a number as seconds since 1970 ("until=0.006")."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_TIME.fullmatch(value):
        raise ValueError("Waktu ditulis ISO 8601, misalnya 2026-12-07T09:30:00+07:00.")
    return value


# Every time the API takes in (a filter, when something was asked): ISO 8601 only.
IsoTime = Annotated[
    datetime,
    BeforeValidator(_iso_time_only),
    Field(description="A time, ISO 8601 with its offset.", examples=["2026-12-07T09:30:00+07:00"]),
]

# Every date the API takes in (a filter, a date of birth...): YYYY-MM-DD and nothing else.
IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date_only),
    Field(description="A date, YYYY-MM-DD.", examples=["2026-12-07"]),
]


class ErrorOut(Schema):
    """Every refusal: a message for people and, per field, what to fix."""

    detail: str
    errors: dict[str, str] = {}


def error_responses(*codes):
    """An operation's documented refusals, each in the one error shape."""
    return {code: ErrorOut for code in codes}


class Page(Schema, Generic[T]):
    """One page of a list: every list of the API answers this (`?page=n`, from 1)."""

    items: list[T]
    page: int
    has_next: bool


def page_of(window, items=None):
    """A Page's fields from a loket.lib.pages.Window (items default to its rows)."""
    return {
        "items": window.object_list if items is None else items,
        "page": window.number,
        "has_next": window.has_next,
    }


# A page number as an operation's own query parameter (`page: PageQuery = 1`).
PageQuery = Query[
    int, {"ge": 1, "le": 20_000_000, "description": "Which page, from 1.", "examples": [1]}
]
# ...and as a field of a filter schema.
PageNumber = Annotated[
    int, Field(ge=1, le=20_000_000, description="Which page, from 1.", examples=[1])
]
