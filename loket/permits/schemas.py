"""Shapes of the permits API (and the error body every API endpoint shares).

Times leave the API in Asia/Jakarta with their offset (ISO 8601), the way an office
reads them; they are stored in UTC.
"""

from datetime import date
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict, StringConstraints

from loket.core.schemas import IsoDate, LocalTime

# NUL is refused because PostgreSQL cannot store it in text or JSON.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=NO_NUL, max_length=2000)]
ShortText = Annotated[str, StringConstraints(pattern=NO_NUL, max_length=200)]

FileStatus = Literal["processing", "returned", "ready", "collected"]
# A kind code of the file's standard (its `kinds:`), e.g. baru, perpanjangan.
Kind = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=30)]
# An HTML form sends an empty field for "no date".
OptionalDate = Annotated[date | None, BeforeValidator(lambda v: v or None)]


# --- input -----------------------------------------------------------------


class StepIn(Schema):
    model_config = ConfigDict(json_schema_extra={"examples": [{"step_no": 2}]})

    step_no: int = Field(
        ..., ge=1, le=99, description="The step the caller sees; a stale value gets 409."
    )


class CompleteIn(StepIn):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"step_no": 2, "checked": ["ktp", "ijazah"]}]}
    )

    checked: list[ShortText] = Field(
        [], max_length=100, description="Check step: the requirement codes found complete."
    )
    received_by: ShortText = Field("", description="Handover step: who collected the permit.")


class ReturnIn(StepIn):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"step_no": 2, "problems": {"ktp": "Foto KTP buram."}, "note": "Unggah ulang."}
            ]
        }
    )

    problems: dict[ShortText, Text] = Field(
        {}, max_length=100, description="Requirement code (or 'lainnya') -> what to fix."
    )
    note: Text = ""


class FilingIn(Schema):
    """Documents the multipart body of an online filing. Besides these, one field per
    question of the service's form for the chosen kind (its key; the JSON Schema of
    each kind is under `form` in `GET /api/v1/standards/{office}/{code}`) and one file
    per requirement (`doc_<code>`)."""

    model_config = {"extra": "allow"}

    service_id: int = Field(..., ge=1, le=2**63 - 1)
    kind: Kind


class CounterIn(FilingIn):
    """Documents the multipart body of a counter filing: identity, then the file."""

    full_name: str = Field(..., max_length=200)
    nik: str = Field(..., min_length=16, max_length=16)
    birth_place: str = Field(..., max_length=100)
    birth_date: IsoDate
    sex: Literal["L", "P"]
    address: str
    phone: str = Field(..., max_length=20)
    email: str = ""
    consent: bool


class ResubmitIn(Schema):
    """Documents the multipart body of a resubmission: only replaced documents."""


class CollectIn(StepIn):
    """Documents the multipart body of the handover (step 9), perhaps to a proxy."""

    received_by: ShortText = Field("", description="Empty: the applicant in person.")


DOC_FIELD_PATTERN = r"^doc_[a-z0-9]+(-[a-z0-9]+)*$"
BINARY = {"type": "string", "format": "binary"}


def multipart_body(model, documents=True, files=None):
    """An OpenAPI request body for a multipart form.

    With `documents`, one file per requirement (`doc_<code>`): requirements are data
    of the standard, so those fields cannot be named here. `files` names others.
    """
    schema = model.model_json_schema()
    schema.pop("title", None)
    schema.setdefault("properties", {})
    for name, description in (files or {}).items():
        schema["properties"][name] = {**BINARY, "description": description}
    if documents:
        schema["patternProperties"] = {
            DOC_FIELD_PATTERN: {
                **BINARY,
                "description": "One document per requirement code of the service's standard.",
            }
        }
    return {
        "requestBody": {"required": True, "content": {"multipart/form-data": {"schema": schema}}}
    }


# --- output ----------------------------------------------------------------


class FixItem(Schema):
    requirement: str
    name: str
    problem: str


class ApplicationSummary(Schema):
    id: int
    reg_number: str
    service_code: str
    service_name: str
    applicant_name: str
    kind: Kind
    channel: Literal["online", "loket"]
    status: FileStatus
    status_label: str
    current_step: int
    filed_at: LocalTime
    due_at: LocalTime
    completed_at: LocalTime | None
    closed_at: LocalTime | None
    is_late: bool


class FiledOut(ApplicationSummary):
    tracking_code: str


class TaskOut(Schema):
    step_no: int
    step_name: str
    step_kind: str
    role: str
    role_label: str
    opened_at: LocalTime
    due_at: LocalTime
    received_at: LocalTime | None
    is_late: bool


class StepState(Schema):
    no: int
    name: str
    role: str
    role_label: str
    state: Literal["done", "current", "todo"]


class DocumentOut(Schema):
    id: int
    requirement: str
    original_name: str
    kind: str
    size: int
    sha256: str
    round: int
    uploaded_at: LocalTime
    url: str


class RequirementState(Schema):
    code: str
    name: str
    mandatory: bool
    document_id: int | None


class DraftOut(Schema):
    sha256: str
    created_at: LocalTime
    url: str


class PermitOut(Schema):
    number: str
    numbered_at: LocalTime
    status: str
    verify_code: str = Field(
        description="The code printed (and in the QR code) on the permit: "
        "GET /api/v1/issuance/verify/{verify_code}."
    )


class AnswerOut(Schema):
    key: str
    label: str
    value: Any = Field(..., description="As stored: text, integer, ISO date or boolean.")
    display: str


class ApplicationDetail(FiledOut):
    version: int
    kind_name: str
    answers: list[AnswerOut]
    to_fix: list[FixItem]
    task: TaskOut | None
    can_act: bool
    is_owner: bool
    steps: list[StepState]
    requirements: list[RequirementState]
    documents: list[DocumentOut]
    draft: DraftOut | None
    permit: PermitOut | None


class CardEntryOut(Schema):
    step_no: int
    step_name: str
    role: str
    role_label: str
    event: Literal["filed", "received", "handed_over", "returned", "resubmitted"]
    event_label: str
    officer_name: str
    at: LocalTime
    standard_minutes: int | None
    elapsed_minutes: int | None
    late_minutes: int | None
    is_late: bool
    details: dict[str, Any]


class InboxItem(Schema):
    task_id: int
    application_id: int
    reg_number: str
    service_name: str
    applicant_name: str
    step_no: int
    step_name: str
    role: str
    role_label: str
    opened_at: LocalTime
    due_at: LocalTime
    received_at: LocalTime | None
    is_late: bool


class TrackOut(Schema):
    reg_number: str
    service_name: str
    status: FileStatus
    status_label: str
    is_open: bool
    step_no: int | None
    step_name: str
    role_label: str
    to_fix: list[FixItem]
    due_at: LocalTime
