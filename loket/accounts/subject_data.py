"""Everything Loket holds about one applicant, as plain JSON-ready data.

The data subject's right of access (UU 27/2022 Pasal 32): the applicant downloads it
as JSON or PDF (`/akun/data-saya.json`, `.pdf`; the action is
`loket.accounts.actions.export_personal_data`). Officers appear by name, as they do on
the control card the applicant already sees. Reads only; a fixed handful of queries
per file.
"""

from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from loket.core.roles import role_label
from loket.lib.crypto_fields import phone_hash

SCORES = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def _when(value):
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def identity(applicant):
    return {
        "office": applicant.office.name,
        "full_name": applicant.full_name,
        "nik": applicant.nik,
        "birth_place": applicant.birth_place,
        "birth_date": _when(applicant.birth_date),
        "sex": applicant.get_sex_display() if applicant.sex else "",
        "address": applicant.address,
        "phone": applicant.phone,
        "email": applicant.email,
        "has_account": applicant.user_id is not None,
        "registered_at": _when(applicant.created_at),
        "consented_at": _when(applicant.consented_at),
        "consent_notice": applicant.consent_notice,
        "anonymised_at": _when(applicant.anonymised_at),
    }


def _step_name(spec, no):
    try:
        return spec.step(no).name
    except (KeyError, IndexError, ValueError):
        return ""


def _card(application):
    spec = application.spec
    return [
        {
            "at": _when(e.at),
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


def _documents(application):
    return [
        {
            "requirement": d.requirement,
            "name": d.original_name,
            "kind": d.kind,
            "size": d.size,
            "sha256": d.sha256,
            "uploaded_at": _when(d.uploaded_at),
            "replaced": d.replaced,
            "purged_at": _when(d.purged_at),
            # Purged at the end of retention: the record stays, the file does not.
            "url": None if d.purged_at else _url("permits:document", d.pk),
        }
        for d in application.documents.all()
    ]


def _permit(application):
    permit = getattr(application, "permit", None)
    if permit is None:
        return None
    return {
        "number": permit.number,
        "numbered_at": _when(permit.numbered_at),
        "signed_at": _when(permit.signed_at),
        "status": permit.status,
        "revoked_at": _when(permit.revoked_at),
        "revoke_reason": permit.revoke_reason,
        "collected_at": _when(permit.collected_at),
        "collected_by": permit.collected_by,
        "collected_via": permit.collected_via,
        "verify_url": _url("verify", permit.verify_code),
    }


def _survey(application):
    invitation = getattr(application, "survey_invitation", None)
    response = getattr(invitation, "response", None) if invitation else None
    if response is None:
        return None
    return {
        "submitted_at": _when(response.submitted_at),
        "channel": response.channel,
        "scores": {u.upper(): getattr(response, u) for u in SCORES},
        "age": response.age,
        "sex": response.sex,
        "education": response.education,
        "occupation": response.occupation,
        "comment": response.comment,
    }


def applications(applicant):
    from loket.permits.answers import answer_rows
    from loket.permits.models import ControlCardEntry, Document

    files = (
        applicant.applications.select_related(
            "version__service", "permit", "survey_invitation__response"
        )
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
            "filed_at": _when(a.filed_at),
            "due_at": _when(a.due_at),
            "completed_at": _when(a.completed_at),
            "closed_at": _when(a.closed_at),
            "answers": {row["label"]: row["display"] for row in answer_rows(a)},
            "url": _url("permits:detail", a.pk),
            "permit": _permit(a),
            "control_card": _card(a),
            "documents": _documents(a),
            "survey_response": _survey(a),
        }
        for a in files
    ]


def their_complaints(applicant):
    """Complaints they filed signed in, or under their phone number or email address."""
    from loket.complaints.models import Complaint

    match = []
    if applicant.user_id:
        match.append(Q(user_id=applicant.user_id))
    if applicant.phone:
        match.append(Q(phone_hash=phone_hash(applicant.phone)))
    if applicant.email:
        match.append(Q(email__iexact=applicant.email))
    if not match:
        return Complaint.objects.none()
    return Complaint.objects.filter(office_id=applicant.office_id).filter(reduce(or_, match))


def complaints(found):
    from loket.complaints.models import TYPES

    return [
        {
            "ticket": c.ticket,
            "channel": c.get_channel_display(),
            "type": str(dict(TYPES).get(c.type, c.type)),
            "subject": c.subject,
            "description": c.description,
            "name": c.name,
            "address": c.address,
            "phone": c.phone,
            "email": c.email,
            "confidential": c.confidential,
            "received_at": _when(c.received_at),
            "status": c.get_status_display(),
            "answer": c.answer,
            "answered_at": _when(c.answered_at),
            "closed_at": _when(c.closed_at),
        }
        for c in found.order_by("received_at", "pk")
    ]


def messages(applicant, complaint_ids):
    from loket.notify.models import Outbox

    about = Q(application__applicant=applicant)
    for pk in complaint_ids:
        about |= Q(idempotency_key__startswith=f"complaint:{pk}:")
    return [
        {
            "channel": m.get_channel_display(),
            "recipient": m.recipient,
            "subject": m.subject,
            "body": m.body,
            "status": m.get_status_display(),
            "created_at": _when(m.created_at),
            "sent_at": _when(m.sent_at),
        }
        for m in Outbox.objects.filter(office_id=applicant.office_id)
        .filter(about)
        .order_by("created_at", "pk")
    ]


def personal_data(applicant):
    """The whole export, generated now."""
    found = list(their_complaints(applicant).values_list("pk", flat=True))
    from loket.complaints.models import Complaint

    return {
        "generated_at": _when(timezone.now()),
        "controller": {
            "office": applicant.office.name,
            "address": applicant.office.address,
            "email": applicant.office.email,
            "phone": applicant.office.phone,
        },
        "legal_basis": "UU 25/2009 tentang Pelayanan Publik; UU 27/2022 Pasal 20 ayat (2)",
        "retention_years": applicant.office.retention_years,
        "identity": identity(applicant),
        "applications": applications(applicant),
        "complaints": complaints(Complaint.objects.filter(pk__in=found)),
        "messages": messages(applicant, found),
    }
