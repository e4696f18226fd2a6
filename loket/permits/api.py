"""The permits API: the same actions and permission checks as the HTML views.

Callers: the Django session (the login page; unsafe methods then need the CSRF token,
cookie `csrftoken`, header `X-CSRFToken`), or an API client whose token holds the
operation's scope (`permits:read` to read the office's files, `permits:write` for the
counter's work). Tracking is public. A file the caller may not see answers 404, never
403. Uploads are multipart fields named `doc_<requirement code>`, as on the HTML form.
"""

from django.conf import settings
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError
from pydantic import ValidationError as PydanticValidationError

from loket.accounts.forms import IdentityForm
from loket.apiclients.auth import callers, session
from loket.apiclients.scopes import PERMITS_READ, PERMITS_WRITE
from loket.core.errors import Invalid, NotAllowed
from loket.core.roles import FRONT_OFFICE, acts_as, office_of, role_label, roles_of
from loket.core.schemas import Page, PageQuery, error_responses, page_of
from loket.core.storage import open_private
from loket.lib.pages import window
from loket.lib.ratelimit import rate_limited
from loket.lib.responses import inline_pdf
from loket.permits import actions, cards, queries
from loket.permits.access import visible_applications, visible_documents
from loket.permits.actions import Upload
from loket.permits.answers import answer_rows
from loket.permits.forms import ApplicationForm, ResubmitForm, requirement_field_name
from loket.permits.models import Application
from loket.permits.schemas import (
    NO_NUL,
    ApplicationDetail,
    ApplicationSummary,
    CardEntryOut,
    CollectIn,
    CompleteIn,
    CounterIn,
    FiledOut,
    FileStatus,
    FilingIn,
    InboxItem,
    ResubmitIn,
    ReturnIn,
    StepIn,
    TrackOut,
    multipart_body,
)
from loket.standards.models import Service

router = Router(tags=["permits"], auth=callers(PERMITS_READ))
READ = callers(PERMITS_READ)
WRITE = callers(PERMITS_WRITE)
# A multipart body the server cannot read (a broken boundary, too many parts) is a 400
# before any handler runs; a readable one is judged field by field (422).
MULTIPART_ERRORS = error_responses(400, 401, 403, 409, 422)

# Bounded so a guessed id is a plain 404, never a database integer overflow.
Id = Path[int, {"ge": 1, "le": 2**63 - 1}]
PAGE_SIZE = 50
RegNumber = Query[str, {"min_length": 1, "max_length": 40, "pattern": NO_NUL}]
TrackingCode = Query[str, {"min_length": 1, "max_length": 12, "pattern": NO_NUL}]

DOCUMENT_TYPES = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}


def _binary(*types):
    content = {t: {"schema": {"type": "string", "format": "binary"}} for t in types}
    return {"responses": {200: {"description": "OK", "content": content}}}


# --- shaping records for output ---------------------------------------------


def _is_late(application, now):
    return application.is_open and application.due_at < now


def _summary(application, now):
    service = application.version.service
    return {
        "id": application.pk,
        "reg_number": application.reg_number,
        "tracking_code": application.tracking_code,
        "service_code": service.code,
        "service_name": service.name,
        "applicant_name": application.applicant.full_name,
        "kind": application.kind,
        "channel": application.channel,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "current_step": application.current_step,
        "filed_at": application.filed_at,
        "due_at": application.due_at,
        "completed_at": application.completed_at,
        "closed_at": application.closed_at,
        "is_late": _is_late(application, now),
    }


def _document_url(pk):
    return f"/api/v1/permits/documents/{pk}"


def _detail(application, user):
    ctx = queries.detail_context(application, user)
    now = ctx["now"]
    task, step, draft, permit = ctx["task"], ctx["step"], ctx["draft"], ctx["permit"]
    documents = application.documents.filter(replaced=False)
    return {
        **_summary(application, now),
        "version": application.version.number,
        "kind_name": application.kind_name,
        "answers": answer_rows(application),
        "to_fix": application.to_fix,
        "task": task
        and {
            "step_no": task.step_no,
            "step_name": step.name,
            "step_kind": step.kind,
            "role": task.role,
            "role_label": str(role_label(task.role)),
            "opened_at": task.opened_at,
            "due_at": task.due_at,
            "received_at": task.received_at,
            "is_late": task.due_at < now,
        },
        "can_act": ctx["can_act"],
        "is_owner": ctx["is_owner"],
        "steps": [
            {
                "no": s["step"].no,
                "name": s["step"].name,
                "role": s["step"].role,
                "role_label": str(s["role"]),
                "state": s["state"],
            }
            for s in ctx["steps"]
        ],
        "requirements": [
            {
                "code": r["req"].code,
                "name": r["req"].name,
                "mandatory": r["req"].mandatory,
                "document_id": r["doc"].pk if r["doc"] else None,
            }
            for r in ctx["requirements"]
        ],
        "documents": [
            {
                "id": d.pk,
                "requirement": d.requirement,
                "original_name": d.original_name,
                "kind": d.kind,
                "size": d.size,
                "sha256": d.sha256,
                "round": d.round,
                "uploaded_at": d.uploaded_at,
                "url": _document_url(d.pk),
            }
            for d in documents
        ],
        "draft": draft
        and {
            "sha256": draft.sha256,
            "created_at": draft.created_at,
            "url": f"/api/v1/permits/applications/{application.pk}/draft",
        },
        "permit": permit
        and {
            "number": permit.number,
            "numbered_at": permit.numbered_at,
            "status": permit.status,
            "verify_code": permit.verify_code,
        },
    }


def _visible(user, pk):
    return get_object_or_404(
        visible_applications(user).select_related("applicant", "version__service", "office"),
        pk=pk,
    )


# --- filing -------------------------------------------------------------------


def _form_errors(form):
    return {key: " ".join(str(m) for m in messages) for key, messages in form.errors.items()}


def _filing_form(request, payload, service):
    """The HTML filing form, bound to the parsed fields: the API checks what the page checks."""
    form = ApplicationForm(request.POST, request.FILES, spec=service.current.spec)
    unknown = set(request.FILES) - set(form.fields)
    if unknown:
        raise Invalid(
            _("Berkas belum dapat diterima. Perbaiki yang ditandai lalu kirim lagi."),
            {key: _("Persyaratan ini tidak dikenal untuk layanan ini.") for key in unknown},
        )
    return form


def _name_upload_errors(exc, form):
    """Name an action's per-requirement errors after the fields the caller sent."""
    exc.errors = {
        (requirement_field_name(k) if requirement_field_name(k) in form.fields else k): v
        for k, v in exc.errors.items()
    }


def _service(queryset, service_id):
    service = (
        queryset.filter(pk=service_id, current__isnull=False)
        .select_related("current", "office")
        .first()
    )
    if service is None:
        raise Invalid(
            _("Layanan tidak ditemukan."), {"service_id": _("Pilih layanan yang tersedia.")}
        )
    return service


def _validated(model, request):
    """Parse the multipart fields by the documented schema (strict types: "0" is false)."""
    try:
        return model.model_validate(request.POST.dict())
    except PydanticValidationError as exc:
        errors = {}
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"]) or "__all__"
            errors[key] = error["msg"]
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors) from None


@router.post(
    "/applications",
    response={201: FiledOut, **MULTIPART_ERRORS},
    openapi_extra=multipart_body(FilingIn),
    auth=[session],
    summary="File an application online",
    description="The signed-in applicant files for themself: the service, the form's "
    "fields and one multipart file per requirement (`doc_<code>`). Answers the new file "
    "with its registration number and tracking code. Browser sessions only: a system "
    "files at the counter (POST /permits/counter) on the applicant's behalf.",
)
def apply(request):
    payload = _validated(FilingIn, request)
    service = _service(Service.objects.all(), payload.service_id)
    applicant = actions.online_applicant(service.office, request.user)
    form = _filing_form(request, payload, service)
    if not form.is_valid():
        raise Invalid(_("Periksa kembali isian yang ditandai."), _form_errors(form))
    try:
        application = actions.file_online(service, applicant, form.filing())
    except Invalid as exc:
        _name_upload_errors(exc, form)
        raise
    return Status(201, _summary(application, timezone.now()))


@router.post(
    "/counter",
    response={201: FiledOut, **MULTIPART_ERRORS},
    openapi_extra=multipart_body(CounterIn),
    auth=WRITE,
    summary="File an application for an applicant (counter)",
    description="The Front Office, or an API client with `permits:write`, registers the "
    "applicant's identity and files the application with its documents in one step, "
    "as at the counter. Nothing is kept when any field or document is refused.",
)
def counter(request):
    office = office_of(request.user)
    if office is None or not acts_as(request.user, FRONT_OFFICE, office):
        raise NotAllowed(_("Hanya petugas Front Office yang dapat menerima berkas di loket."))
    payload = _validated(CounterIn, request)
    service = _service(Service.objects.filter(office=office), payload.service_id)
    identity = IdentityForm(payload.model_dump())
    form = _filing_form(request, payload, service)
    identity_ok, form_ok = identity.is_valid(), form.is_valid()
    if not (identity_ok and form_ok):
        errors = {**_form_errors(identity), **_form_errors(form)}
        raise Invalid(_("Periksa kembali isian yang ditandai."), errors)
    try:
        application = actions.file_at_counter(
            version=service.current,
            identity=identity.cleaned_data,
            filing=form.filing(),
            user=request.user,
            max_total_bytes=settings.APPLICATION_MAX_BYTES,
        )
    except Invalid as exc:
        _name_upload_errors(exc, form)
        raise
    return Status(201, _summary(application, timezone.now()))


# --- reading ------------------------------------------------------------------


@router.get(
    "/applications",
    response={200: Page[ApplicationSummary], **error_responses(401, 403, 422)},
    auth=READ,
    summary="List files",
    description="The files the caller may see, newest first, 50 a page: an applicant's "
    "own files; an officer's or an API client's, the office's. `status` narrows the list.",
)
def application_list(
    request,
    status: Query[FileStatus | None] = None,
    page: PageQuery = 1,
):
    queryset = queries.application_list(visible_applications(request.user))
    if status:
        queryset = queryset.filter(status=status)
    now = timezone.now()
    rows = window(queryset, page, PAGE_SIZE)
    return page_of(rows, [_summary(a, now) for a in rows.object_list])


@router.get(
    "/applications/{application_id}",
    response={200: ApplicationDetail, **error_responses(401, 403, 404)},
    auth=READ,
    summary="Get one file",
    description="A file with its documents, SOP steps, the current step and its "
    "deadline, what the applicant must fix, the latest draft and the permit number.",
)
def application_detail(request, application_id: Id):
    return _detail(_visible(request.user, application_id), request.user)


@router.get(
    "/applications/{application_id}/card",
    response={200: list[CardEntryOut], **error_responses(401, 403, 404)},
    auth=READ,
    summary="Get a file's control card",
    description="The control card (kartu kendali): every receipt and completion of "
    "each step, by whom and when, against the step's time standard.",
)
def card(request, application_id: Id):
    application = _visible(request.user, application_id)
    return [
        {
            "step_no": row["entry"].step_no,
            "step_name": row["step"].name,
            "role": row["entry"].role,
            "role_label": str(row["role"]),
            "event": row["entry"].event,
            "event_label": str(row["entry"].get_event_display()),
            "officer_name": row["entry"].officer_name,
            "at": row["entry"].at,
            "standard_minutes": row["entry"].standard_minutes,
            "elapsed_minutes": row["entry"].elapsed_minutes,
            "late_minutes": row["entry"].late_minutes,
            "is_late": row["entry"].is_late,
            "details": row["entry"].details,
        }
        for row in queries.card_rows(application)
    ]


@router.get(
    "/applications/{application_id}/card.pdf",
    response=error_responses(401, 403, 404),
    auth=READ,
    openapi_extra=_binary("application/pdf"),
    summary="Download the control card (PDF)",
    description="The control card of a file as a printable PDF.",
)
def card_pdf(request, application_id: Id):
    application = _visible(request.user, application_id)
    return inline_pdf(
        cards.control_card_pdf(application), f"kartu-kendali-{application.reg_number}.pdf"
    )


@router.get(
    "/applications/{application_id}/receipt.pdf",
    response=error_responses(401, 403, 404),
    auth=READ,
    openapi_extra=_binary("application/pdf"),
    summary="Download the filing receipt (PDF)",
    description="The receipt (tanda terima) given when the file was filed, with its "
    "registration number and tracking code.",
)
def receipt_pdf(request, application_id: Id):
    application = _visible(request.user, application_id)
    return inline_pdf(cards.receipt_pdf(application), f"tanda-terima-{application.reg_number}.pdf")


@router.get(
    "/applications/{application_id}/draft",
    response=error_responses(401, 403, 404),
    auth=READ,
    openapi_extra=_binary("application/pdf"),
    summary="Download the latest permit draft (PDF)",
    description="The latest draft (blanko) of the permit the officers initial; 404 "
    "until a draft exists.",
)
def draft(request, application_id: Id):
    application = _visible(request.user, application_id)
    latest = application.drafts.first()
    if latest is None:
        raise HttpError(404, _("Belum ada draf izin untuk berkas ini."))
    return FileResponse(
        open_private(latest.stored_name),
        content_type="application/pdf",
        filename=f"draf-{application.pk}.pdf",
    )


@router.get(
    "/documents/{document_id}",
    response=error_responses(401, 403, 404),
    auth=READ,
    openapi_extra=_binary(*DOCUMENT_TYPES.values()),
    summary="Download a requirement document",
    description="A document uploaded for one of the service's requirements, as "
    "uploaded (PDF, JPEG or PNG).",
)
def document(request, document_id: Id):
    doc = get_object_or_404(visible_documents(request.user), pk=document_id)
    return FileResponse(
        open_private(doc.stored_name),
        content_type=DOCUMENT_TYPES[doc.kind],
        filename=doc.original_name,
    )


@router.get(
    "/inbox",
    response={200: Page[InboxItem], **error_responses(401, 403, 422)},
    auth=READ,
    summary="List the caller's open steps",
    description="The open SOP steps waiting for the caller's roles in their office, "
    "soonest due first, 50 a page.",
)
def inbox(request, page: PageQuery = 1):
    office = office_of(request.user)
    if office is None:
        raise NotAllowed(_("Kotak masuk hanya untuk petugas."))
    items, specs = [], {}
    rows = window(queries.inbox(office, roles_of(request.user)), page, PAGE_SIZE)
    for task in rows.object_list:
        application = task.application
        version = application.version
        spec = specs.setdefault(version.pk, version.spec)
        items.append(
            {
                "task_id": task.pk,
                "application_id": application.pk,
                "reg_number": application.reg_number,
                "service_name": version.service.name,
                "applicant_name": application.applicant.full_name,
                "step_no": task.step_no,
                "step_name": spec.step(task.step_no).name,
                "role": task.role,
                "role_label": str(role_label(task.role)),
                "opened_at": task.opened_at,
                "due_at": task.due_at,
                "received_at": task.received_at,
                "is_late": task.is_late,
            }
        )
    return page_of(rows, items)


# --- the SOP steps ------------------------------------------------------------

STEP_ERRORS = error_responses(401, 403, 404, 409, 422)


@router.post(
    "/applications/{application_id}/receive",
    response={200: ApplicationDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Receive a file at its current step",
    description="The officer holding the current step's role notes its receipt on the "
    "control card; the step's clock is then the officer's.",
)
def receive(request, application_id: Id, payload: StepIn):
    application = _visible(request.user, application_id)
    actions.receive_file(application, request.user, payload.step_no)
    return _detail(_visible(request.user, application_id), request.user)


@router.post(
    "/applications/{application_id}/complete",
    response={200: ApplicationDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Complete a file's current step",
    description="Completes the current step; the step's kind (checks, draft, initial, "
    "signature, numbering, handover) decides what happens and which fields count. The "
    "file moves to its next step.",
)
def complete(request, application_id: Id, payload: CompleteIn):
    application = _visible(request.user, application_id)
    actions.complete_step(
        application,
        request.user,
        payload.step_no,
        checked=payload.checked,
        received_by=payload.received_by,
    )
    return _detail(_visible(request.user, application_id), request.user)


@router.post(
    "/applications/{application_id}/return",
    response={200: ApplicationDetail, **STEP_ERRORS},
    auth=WRITE,
    summary="Return a file to the applicant",
    description="At a step that may return, sends the file back with what to fix per "
    "requirement; the applicant is told and the clock stops until resubmission.",
)
def return_file(request, application_id: Id, payload: ReturnIn):
    application = _visible(request.user, application_id)
    actions.return_to_applicant(
        application, request.user, payload.problems, payload.note, payload.step_no
    )
    return _detail(_visible(request.user, application_id), request.user)


@router.post(
    "/applications/{application_id}/resubmit",
    response={200: ApplicationDetail, **STEP_ERRORS, **MULTIPART_ERRORS},
    openapi_extra=multipart_body(ResubmitIn),
    auth=WRITE,
    summary="Resubmit a returned file",
    description="The applicant, the Front Office or an API client with `permits:write` "
    "sends a returned file back with the fixed documents (`doc_<code>`).",
)
def resubmit(request, application_id: Id):
    application = _visible(request.user, application_id)
    form = ResubmitForm({}, request.FILES, application=application)
    unknown = set(request.FILES) - set(form.fields)
    if unknown:
        raise Invalid(
            _("Berkas belum dapat diterima. Perbaiki yang ditandai lalu kirim lagi."),
            {key: _("Persyaratan ini tidak dikenal untuk permohonan ini.") for key in unknown},
        )
    if not form.is_valid():
        raise Invalid(_("Periksa kembali isian yang ditandai."), _form_errors(form))
    try:
        actions.resubmit(application, request.user, form.uploads(), settings.APPLICATION_MAX_BYTES)
    except Invalid as exc:
        _name_upload_errors(exc, form)
        raise
    return _detail(_visible(request.user, application_id), request.user)


@router.post(
    "/applications/{application_id}/collect",
    response={200: ApplicationDetail, **STEP_ERRORS, **MULTIPART_ERRORS},
    openapi_extra=multipart_body(
        CollectIn,
        documents=False,
        files={"proxy": "Power of attorney (surat kuasa) when a proxy collects."},
    ),
    auth=WRITE,
    summary="Hand the permit over",
    description="The handover step: who received the permit, and the power of attorney "
    "(`proxy`) when someone else collects it.",
)
def collect(request, application_id: Id):
    application = _visible(request.user, application_id)
    payload = _validated(CollectIn, request)
    upload = request.FILES.get("proxy")
    proxy = None
    if upload is not None:
        if upload.size > settings.UPLOAD_MAX_BYTES:
            message = _("Surat kuasa terlalu besar.")
            raise Invalid(message, {"proxy": message})
        proxy = Upload(requirement="surat_kuasa", name=upload.name, data=upload.read())
    actions.complete_step(
        application,
        request.user,
        payload.step_no,
        received_by=payload.received_by,
        proxy=proxy,
    )
    return _detail(_visible(request.user, application_id), request.user)


# --- public -------------------------------------------------------------------


@router.get(
    "/track",
    auth=None,
    response={200: TrackOut, **error_responses(404, 422, 429)},
    summary="Track a file (public)",
    description="Anyone with the registration number and tracking code of the receipt "
    "sees the file's status, its current step and what to fix. Limited per address.",
)
@rate_limited("track", methods=None)
def track(
    request,
    reg: RegNumber,
    code: TrackingCode,
):
    application = queries.track(reg.strip(), code.strip().upper())
    if application is None:
        raise HttpError(
            404,
            _("Berkas tidak ditemukan. Periksa nomor registrasi dan kode lacak pada tanda terima."),
        )
    at_step = application.open_step
    return {
        "reg_number": application.reg_number,
        "service_name": application.version.service.name,
        "status": application.status,
        "status_label": str(application.get_status_display()),
        "is_open": application.is_open,
        "step_no": at_step,
        "step_name": application.step.name if at_step else "",
        "role_label": str(application.current_role_label) if at_step else "",
        "to_fix": application.to_fix if application.status == Application.RETURNED else [],
        "due_at": application.due_at,
    }
