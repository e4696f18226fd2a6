"""Shapes every API shares: the error body, times with their offset, a page of a list.

Times leave the API in Asia/Jakarta with their offset (ISO 8601), the way an office
reads them; they are stored in UTC.
"""

from datetime import datetime
from typing import Annotated

from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator

LocalTime = Annotated[datetime, AfterValidator(timezone.localtime)]


class ErrorOut(Schema):
    """Every refusal: a message for people and, per field, what to fix."""

    detail: str
    errors: dict[str, str] = {}
