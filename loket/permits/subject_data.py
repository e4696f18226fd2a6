"""What the permits app holds about an applicant, for their data export.

Registered in PermitsConfig.ready (loket.core.personal_data): the section
"applications" (each file with its permit, control card and documents), and the files
as records, for the providers after it (survey responses, messages about the files).
Officers appear by name, as they do on the control card the applicant already sees.
A fixed handful of queries per export.
"""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from loket.core.personal_data import export_time as when
from loket.core.personal_data import site_url as url
from loket.core.roles import role_label
from loket.permits.answers import answer_rows
from loket.permits.issuance import EXPIRED, VALID, status_on
from loket.permits.messages import about_file
from loket.permits.models import Application, ControlCardEntry, Document, Permit

# The permit's state on the day of the export, as the verification page says it.
PERMIT_STATES = {VALID: _("berlaku"), EXPIRED: _("kedaluwarsa"), Permit.REVOKED: _("dicabut")}


def _step_name(spec, no):
    try:
        return spec.step(no).name
    except (KeyError, IndexError, ValueError):
        return ""


def _card(application):
    spec = application.spec
    return [
        {
            "at": when(e.at),
            "step": e.step_no,
            "step_name": _step_name(spec, e.step_no),
            "role": str(role_label(e.role)),
            "event": str(e.get_event_display()),
            "officer": e.officer_name,
            "standard_minutes": e.standard_minutes,
            "elapsed_minutes": e.elapsed_minutes,
            "late_minutes": e.late_minutes,
        }
        for e in application.card_entries.all()
    ]


def _requirement_names(spec):
    return {r.code: str(r.name) for r in spec.requirements}


def _documents(application):
    names = _requirement_names(application.spec)
    return [
        {
            "requirement": d.requirement,
            "requirement_name": names.get(d.requirement, d.requirement),
            "name": d.original_name,
            "kind": d.kind,
            "size": d.size,
            "sha256": d.sha256,
            "uploaded_at": when(d.uploaded_at),
            "replaced": d.replaced,
            "purged_at": when(d.purged_at),
            # Purged at the end of retention: the record stays, the file does not.
            "url": None if d.purged_at else url("permits:document", d.pk),
        }
        for d in application.documents.all()
    ]


def _permit(application):
    permit = getattr(application, "permit", None)
    if permit is None:
        return None
    return {
        "number": permit.number,
        "numbered_at": when(permit.numbered_at),
        "signed_at": when(permit.signed_at),
        "status": permit.status,
        "status_label": str(PERMIT_STATES[status_on(permit.status, permit.valid_until)]),
        "valid_until": when(permit.valid_until),
        "revoked_at": when(permit.revoked_at),
        "revoke_reason": permit.revoke_reason,
        "collected_at": when(permit.collected_at),
        "collected_by": permit.collected_by,
        "collected_via": permit.collected_via,
        "collected_via_label": str(permit.collected_via_label),
        "verify_url": url("verify", permit.verify_code),
    }


def applications(applicant):
    files = (
        Application.objects.filter(applicant=applicant)
        .select_related("version__service", "permit")
        .prefetch_related(
            Prefetch("card_entries", queryset=ControlCardEntry.objects.order_by("at", "pk")),
            Prefetch("documents", queryset=Document.objects.order_by("requirement", "pk")),
        )
        .order_by("filed_at", "pk")
    )
    return [
        {
            "reg_number": a.reg_number,
            "service": a.version.service.name,
            "kind": a.kind_name,
            "channel": a.get_channel_display(),
            "status": a.get_status_display(),
            "filed_at": when(a.filed_at),
            "due_at": when(a.due_at),
            "completed_at": when(a.completed_at),
            "closed_at": when(a.closed_at),
            "answers": {row["label"]: row["display"] for row in answer_rows(a)},
            "url": url("permits:detail", a.pk),
            "permit": _permit(a),
            "control_card": _card(a),
            "documents": _documents(a),
        }
        for a in files
    ]


def provide(subject):
    subject.export["applications"] = applications(subject.applicant)
    # Messages about their files (notify's outbox names the file it was about).
    ids = Application.objects.filter(applicant=subject.applicant).values_list("pk", flat=True)
    files = [about_file(pk) for pk in ids]
    subject.records.setdefault("messages", []).append(Q(about__in=files))
