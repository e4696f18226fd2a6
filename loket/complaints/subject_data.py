"""What the complaints app holds about an applicant, for their data export
(registered in ComplaintsConfig.ready): the complaints they filed signed in, or under
their phone number or email address, and the messages that answered them."""

from functools import reduce
from operator import or_

from django.db.models import Q

from loket.complaints.models import TYPES, Complaint
from loket.complaints.retention import messages_about
from loket.core.personal_data import export_time as when
from loket.lib.crypto_fields import phone_hash


def their_complaints(applicant):
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
    types = dict(TYPES)
    return [
        {
            "ticket": c.ticket,
            "channel": c.get_channel_display(),
            "type": str(types.get(c.type, c.type)),
            "subject": c.subject,
            "description": c.description,
            "name": c.name,
            "address": c.address,
            "phone": c.phone,
            "email": c.email,
            "confidential": c.confidential,
            "received_at": when(c.received_at),
            "status": c.get_status_display(),
            "answer": c.answer,
            "answered_at": when(c.answered_at),
            "closed_at": when(c.closed_at),
        }
        for c in found.order_by("received_at", "pk")
    ]


def provide(subject):
    found = list(their_complaints(subject.applicant).values_list("pk", flat=True))
    subject.export["complaints"] = complaints(Complaint.objects.filter(pk__in=found))
    subject.records.setdefault("messages", []).extend(messages_about(pk) for pk in found)
