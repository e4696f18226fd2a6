"""Retention for the complaints app (registered in ComplaintsConfig.ready).

A complainant's identity is cleared the office's retention period after the
complaint was closed, in the complaint, its line in the Buku Pengaduan, the frozen
monthly reports and the messages that answered it (notify's outbox, through
loket.notify.retention). Weights, dates and handling times stay.

An email kept in quarantine (it could not be read, so it never became a complaint) is
deleted whole the same period after it arrived: its bytes hold the sender's address and
whatever they wrote, and nothing else refers to it.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.complaints.models import (
    Complaint,
    Event,
    InboundEmail,
    QuarantinedEmail,
    RegisterEntry,
    ReportVersion,
)
from loket.complaints.outgoing import about_complaint
from loket.core.personal_data import cutoff, erasable
from loket.notify.retention import erase_messages

COUNTS = ("complaints", "messages", "quarantined_emails")


def messages_about(complaint_id):
    """The outbox rows about one complaint."""
    return Q(about=about_complaint(complaint_id))


def due_complaints(office, now):
    return Complaint.objects.filter(
        office=office, anonymised_at__isnull=True, closed_at__lt=cutoff(office, now)
    ).order_by("pk")


def anonymise_complaint(complaint, now, tally):
    cleared = _("Identitas dihapus (masa retensi)")
    complaint.name = complaint.address = complaint.phone = complaint.fax = ""
    complaint.email = complaint.address_string = complaint.delivery_note = ""
    complaint.lat = complaint.long = None
    complaint.user = None
    complaint.anonymised_at = now
    complaint.save(
        update_fields=[
            "name",
            "address",
            "phone",
            "fax",
            "email",
            "address_string",
            "delivery_note",
            "lat",
            "long",
            "user",
            "anonymised_at",
            "updated_at",
        ]
    )
    erasable(RegisterEntry).filter(complaint=complaint).update(identity=cleared)
    # The delivery note names the address the answer went to.
    erasable(Event).filter(complaint=complaint, kind=Event.DELIVERED).update(text=cleared)
    InboundEmail.objects.filter(complaint=complaint).update(sender="")
    tally.add(
        "messages",
        erase_messages(Q(office_id=complaint.office_id) & messages_about(complaint.pk)),
    )
    # Frozen monthly reports list complainants by name: the name goes, the figures stay.
    for version_id, data in _versions_naming(complaint):
        rows = [
            {**row, "identity": cleared} if row.get("ticket") == complaint.ticket else row
            for row in data.get("rows", [])
        ]
        erasable(ReportVersion).filter(pk=version_id).update(data={**data, "rows": rows})
    tally.add("complaints")


def _versions_naming(complaint):
    """(id, data) of the frozen monthly report versions of the complaint's month."""
    local = timezone.localtime(complaint.received_at)
    return [
        (pk, data)
        for pk, data in ReportVersion.objects.filter(
            report__office_id=complaint.office_id,
            report__year=local.year,
            report__month=local.month,
        ).values_list("pk", "data")
        if any(row.get("ticket") == complaint.ticket for row in data.get("rows", []))
    ]


def apply_retention(office, now, tally):
    """The complaints app's retention rule: every complaint closed before the cutoff."""
    for complaint_id in list(due_complaints(office, now).values_list("pk", flat=True)):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
            if complaint.anonymised_at is None:
                anonymise_complaint(complaint, now, tally)
    deleted, _by_model = QuarantinedEmail.objects.filter(
        office=office, received_at__lt=cutoff(office, now)
    ).delete()
    tally.add("quarantined_emails", deleted)
