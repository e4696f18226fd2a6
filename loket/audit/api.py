"""The audit trail over the API: pages of events, filtered, and the chain's check.

The router has no callers of its own: loket/api.py gives it the session or an API
client with `audit:read`. As on the trail page, only the Sekretaris and the Kepala
Dinas (or a client with the scope) read it, for their own office.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from loket.audit.access import audit_office
from loket.audit.forms import filter_events
from loket.audit.models import AuditEvent
from loket.audit.verify import verify_chain
from loket.core.errors import NotAllowed
from loket.core.schemas import ErrorOut, IsoTime, LocalTime, Page, PageNumber, page_of
from loket.lib.pages import window

router = Router(tags=["audit"])

PAGE_SIZE = 100
NoNul = r"^[^\x00]*$"


class AuditEventOut(Schema):
    seq: int = Field(description="The event's number in the chain.")
    at: LocalTime
    actor_name: str = Field(description="Who acted: an officer, an API client, or a code.")
    role: str
    action: str = Field(examples=["permits.complete_step"])
    object_type: str = Field(examples=["permits.application"])
    object_id: str
    summary: dict = Field(description="Ids and codes of the action; never personal data.")
    hash: str
    prev_hash: str


class TrailFilter(Schema):
    page: PageNumber = 1
    since: IsoTime | None = Field(None, description="Events at or after this time.")
    until: IsoTime | None = Field(None, description="Events before this time.")
    actor: str = Field("", max_length=100, pattern=NoNul, description="Name (part) or user id.")
    kind: str = Field(
        "",
        max_length=80,
        pattern=NoNul,
        description="An action, or a prefix ending in a dot (`permits.`).",
    )
    object_type: str = Field("", max_length=60, pattern=NoNul)
    object_id: str = Field("", max_length=40, pattern=NoNul)


class VerificationOut(Schema):
    ok: bool = Field(description="True when the whole chain up to its head is intact.")
    checked: int = Field(description="Events checked.")
    head_seq: int
    head_hash: str
    problem_seq: int | None = None
    problem_kind: str | None = Field(
        None, description="changed, removed, reordered, relinked, truncated or unchained."
    )
    problem: str | None = Field(None, description="The first problem found, in words.")


def _office(request):
    try:
        return audit_office(request.user)
    except PermissionDenied:
        raise NotAllowed(_("Jejak audit hanya untuk Sekretaris dan Kepala Dinas.")) from None


@router.get(
    "/events",
    response={200: Page[AuditEventOut], 401: ErrorOut, 403: ErrorOut, 422: ErrorOut},
    summary="Audit trail events of the caller's office",
    description=(
        "The office's audit events, newest first, 100 a page. Filter by time "
        "(`since`, `until`, with their offset), actor (a name or part of it, or a user "
        "id), kind (an action such as `permits.complete_step`, or a prefix such as "
        "`permits.`) and object (`object_type`, `object_id`). The Sekretaris and the "
        "Kepala Dinas, or an API client with `audit:read`."
    ),
)
def events(request, filters: Query[TrailFilter]):
    office = _office(request)
    queryset = filter_events(
        AuditEvent.objects.filter(office=office),
        {
            "actor": filters.actor,
            "action": filters.kind,
            "object_type": filters.object_type,
            "object_id": filters.object_id,
        },
    )
    if filters.since:
        queryset = queryset.filter(at__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(at__lt=filters.until)
    return page_of(window(queryset.order_by("-seq"), filters.page, PAGE_SIZE))


@router.get(
    "/verification",
    response={200: VerificationOut, 401: ErrorOut, 403: ErrorOut},
    summary="Check the audit chain",
    description=(
        "Walks the whole hash chain of the trail (every office's events are one chain) "
        "and answers whether it is intact, or the first entry changed, removed, "
        "reordered or added outside the system. Slow on a long trail: call it "
        "sparingly."
    ),
)
def verification(request):
    _office(request)
    report = verify_chain()
    problem = report.problem
    return {
        "ok": report.ok,
        "checked": report.checked,
        "head_seq": report.head_seq,
        "head_hash": report.head_hash,
        "problem_seq": problem.seq if problem else None,
        "problem_kind": problem.kind if problem else None,
        "problem": str(problem) if problem else None,
    }
