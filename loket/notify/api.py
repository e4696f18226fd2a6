"""The notify API: the office's outbox (with retry) and the letters queue."""

from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema, Status
from ninja.security import django_auth

from loket.core.errors import ActionError, NotAllowed
from loket.core.roles import BACK_OFFICE, acts_as, office_of
from loket.core.schemas import ErrorOut, LocalTime, Page, PageQuery, error_responses, page_of
from loket.notify import actions, queries
from loket.notify.models import Letter, Outbox

router = Router(tags=["notify"], auth=django_auth)
# Bounded so a guessed id is a plain 404, never a database integer overflow.
Pk = Path[int, {"ge": 1, "le": 2**63 - 1}]
OutboxStatus = Literal[tuple(code for code, _label in Outbox.STATUSES)]


class MessageOut(Schema):
    id: int
    channel: str
    recipient: str
    subject: str
    body: str
    status: str
    attempts: int
    last_error: str
    created_at: LocalTime
    sent_at: LocalTime | None
    # The record the message is about ("permits.application:42"), what it concerns as
    # the lists show it (the file's number) and the path of its page.
    about: str
    reference: str
    link: str

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
    created_at: LocalTime
    sent_at: LocalTime | None
    pdf_url: str


def _office(request, roles):
    office = office_of(request.auth)
    if office is None or not any(acts_as(request.auth, r, office) for r in roles):
        raise NotAllowed("Tidak berwenang.")
    return office


def _error(exc):
    return Status(exc.status, {"detail": exc.message, "errors": exc.errors})


@router.get(
    "/outbox",
    response={200: Page[MessageOut], **error_responses(401, 403, 422)},
    summary="List the office's outbox",
    description="Messages to applicants and complainants (SMS, email, letters), newest "
    "first, 50 a page, optionally of one `status`; recipients are masked. The Front "
    "Office and the Back Office, with a browser session.",
)
def outbox(request, status: Query[OutboxStatus | Literal[""]] = "", page: PageQuery = 1):
    try:
        office = _office(request, actions.OUTBOX_ROLES)
    except ActionError as exc:
        return _error(exc)
    return Status(200, page_of(queries.page_of(queries.outbox(office, status or None), page)))


@router.post(
    "/outbox/{pk}/retry",
    response={200: MessageOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Retry a failed message",
    description="Queues a failed message to be sent again.",
)
def retry(request, pk: Pk):
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


@router.get(
    "/letters",
    response={200: Page[LetterOut], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="List the letters to post",
    description="Letters to send by post (e.g. reminders to collect a permit): unsent "
    "first, then the sent ones, 50 a page, as on the Back Office's page.",
)
def letters(request, page: PageQuery = 1):
    try:
        office = _office(request, (BACK_OFFICE,))
    except ActionError as exc:
        return _error(exc)
    rows = queries.page_of(queries.letter_queue(office), page)
    return Status(200, page_of(rows, [_letter_out(letter) for letter in rows.object_list]))


@router.post(
    "/letters/{pk}/sent",
    response={200: LetterOut, **error_responses(401, 403, 404, 409, 422)},
    summary="Mark a letter as posted",
    description="The Back Office notes that a letter was sent.",
)
def letter_sent(request, pk: Pk):
    try:
        office = _office(request, (BACK_OFFICE,))
        letter = get_object_or_404(Letter, pk=pk, office=office)
        return Status(200, _letter_out(actions.mark_letter_sent(letter, request.auth)))
    except ActionError as exc:
        return _error(exc)
