"""Shapes every API shares: the error body, times with their offset, a page of a list.

Times leave the API in Asia/Jakarta with their offset (ISO 8601), the way an office
reads them; they are stored in UTC.
"""

from datetime import datetime
from typing import Annotated, Generic, TypeVar

from django.utils import timezone
from ninja import Query, Schema
from pydantic import AfterValidator, Field

T = TypeVar("T")

LocalTime = Annotated[datetime, AfterValidator(timezone.localtime)]


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
