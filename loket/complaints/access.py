"""Who may see which complaint, and whose identity.

Officers of the office see its complaints; a signed-in citizen sees the ones they
filed; everyone else follows a complaint only by ticket and tracking code. A
confidential complainant's identity is shown to the handling officers only.
"""

from loket.complaints.models import BERAT, Attachment, Complaint
from loket.core.roles import (
    FRONT_OFFICE,
    KEPALA_DINAS,
    OFFICER_ROLES,
    PENGELOLA_PENGADUAN,
    acts_as,
    office_of,
    roles_of,
)
from loket.lib.phones import mask_phone

HIDDEN = "Identitas dirahasiakan"


def is_handler(user, office):
    return acts_as(user, PENGELOLA_PENGADUAN, office)


def may_record(user, office):
    """The complaint desk and the counter meet complainants in person."""
    return is_handler(user, office) or acts_as(user, FRONT_OFFICE, office)


def is_complaint_officer(user):
    return office_of(user) is not None and bool(roles_of(user) & set(OFFICER_ROLES))


def visible_complaints(user):
    if not user.is_authenticated:
        return Complaint.objects.none()
    if is_complaint_officer(user):
        return Complaint.objects.filter(office=office_of(user))
    return Complaint.objects.filter(user=user)


def visible_attachments(user):
    return Attachment.objects.filter(complaint__in=visible_complaints(user))


def sees_identity(user, complaint):
    if not complaint.confidential:
        return True
    if complaint.user_id is not None and complaint.user_id == getattr(user, "pk", None):
        return True
    return is_handler(user, complaint.office)


def sees_numbers(user, complaint):
    """Full phone and fax numbers: for the complainant and whoever may convey the answer
    (the complaint desk; the Kepala Dinas for a heavy complaint). Others see them masked."""
    if complaint.user_id is not None and complaint.user_id == getattr(user, "pk", None):
        return True
    if is_handler(user, complaint.office):
        return True
    return complaint.weight == BERAT and acts_as(user, KEPALA_DINAS, complaint.office)


def identity_of(user, complaint, *, in_list=False):
    """The complainant's identity as this user may see it (numbers masked in a list)."""
    if not sees_identity(user, complaint):
        return {"name": HIDDEN, "address": "", "phone": "", "email": "", "fax": ""}
    full = not in_list and sees_numbers(user, complaint)

    def number(value):
        return value if full or not value else mask_phone(value)

    return {
        "name": complaint.name,
        "address": complaint.address,
        "phone": number(complaint.phone),
        "email": complaint.email,
        "fax": number(complaint.fax),
    }
