"""The notify API: the office's outbox (with retry) and the letters queue."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.security import django_auth

from loket.core.errors import ActionError, NotAllowed
from loket.core.roles import BACK_OFFICE, acts_as, office_of
from loket.core.schemas import ErrorOut
from loket.notify import actions, queries
from loket.notify.models import Letter, Outbox

router = Router(tags=["notify"], auth=django_auth)


class MessageOut(Schema):
    id: int
    channel: str
    recipient: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str
    created_at: datetime
    sent_at: datetime | None
    application_id: int | None

    @staticmethod
    def resolve_recipient(message):
        # A list and an export: the number or address is masked (UU 27/2022).
        return message.masked_recipient


class LetterOut(Schema):
    id: int
    number: str
    subject: str
    permit_number: str
    holder: str
    address: str
    due_on: str
    created_at: datetime
    sent_at: datetime | None
    pdf_url: str


def _office(request, roles):
    office = office_of(request.auth)
    if office is None or not any(acts_as(request.auth, r, office) for r in roles):
        raise NotAllowed("Tidak berwenang.")
    return office


def _error(exc):
    return Status(exc.status, {"detail": exc.message, "errors": exc.errors})


@router.get("/outbox", response={200: list[MessageOut], **{c: ErrorOut for c in (401, 403, 422)}})
def outbox(request, status: str = "", page: int = 1):
    """Newest first, 50 a page (`page`, from 1): an empty list is past the end."""
    try:
        office = _office(request, actions.OUTBOX_ROLES)
    except ActionError as exc:
        return _error(exc)
    return Status(200, queries.page_of(queries.outbox(office, status or None), page).object_list)


@router.post(
    "/outbox/{pk}/retry",
    response={200: MessageOut, **{c: ErrorOut for c in (401, 403, 404, 409)}},
)
def retry(request, pk: int):
    try:
        office = _office(request, actions.OUTBOX_ROLES)
        message = get_object_or_404(Outbox, pk=pk, office=office)
        return Status(200, actions.retry_message(message, request.auth))
    except ActionError as exc:
        return _error(exc)


def _letter_out(letter):
    from django.urls import reverse

    return {
        "id": letter.pk,
        "number": letter.number,
        "subject": letter.subject,
        "permit_number": letter.reference,
        "holder": letter.addressee,
        "address": letter.address,
        "due_on": letter.due_on.isoformat(),
        "created_at": letter.created_at,
        "sent_at": letter.sent_at,
        "pdf_url": reverse("notify:letter_pdf", args=[letter.pk]),
    }


@router.get("/letters", response={200: list[LetterOut], 401: ErrorOut, 403: ErrorOut})
def letters(request, page: int = 1):
    """Unsent letters first, then the sent ones, 50 a page (`page`, from 1), as on the
    Back Office's page."""
    try:
        office = _office(request, (BACK_OFFICE,))
    except ActionError as exc:
        return _error(exc)
    letters = queries.page_of(queries.letter_queue(office), page).object_list
    return Status(200, [_letter_out(letter) for letter in letters])


@router.post(
    "/letters/{pk}/sent",
    response={200: LetterOut, **{c: ErrorOut for c in (401, 403, 404, 409)}},
)
def letter_sent(request, pk: int):
    try:
        office = _office(request, (BACK_OFFICE,))
        letter = get_object_or_404(Letter, pk=pk, office=office)
        return Status(200, _letter_out(actions.mark_letter_sent(letter, request.auth)))
    except ActionError as exc:
        return _error(exc)
