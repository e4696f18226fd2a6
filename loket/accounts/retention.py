"""The retention job: personal data is kept no longer than its purpose needs.

UU 27/2022 Pasal 16 (2)(g) and 43-44: at the end of the retention period personal
data is erased or anonymised. Per office (`Office.retention_years`, 5 by default):

- An applicant is anonymised when every one of their files ended more than that many
  years ago. A file *ends* when it is closed and its permit is no longer in force
  (expired, by the validity of its STR, or revoked); a permit still in force keeps
  its holder's identity, as the intake notice says. Their name becomes
  "Pemohon #id"; NIK, phone, address, e-mail, place and date of birth are cleared;
  their account can no longer sign in; the files they uploaded are deleted (the rows,
  with name, size and hash, stay with `purged_at`); messages sent to them lose their
  recipient and text. The permit register (number, dates, status), the control cards
  (steps, officers, times) and survey responses stay as they are: they are the
  statistics and the record the law keeps.
- A complainant's identity is cleared the same number of years after the complaint
  was closed, in the complaint, its line in the Buku Pengaduan, the frozen monthly
  reports and the messages that answered it. Weights, dates and handling times stay.

Each run writes one audit event per office, with counts only. Running it again
changes nothing: what was cleared is skipped.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.accounts.models import Applicant, UserSession
from loket.core.models import Office

ERASED = "(dihapus: masa retensi berakhir)"


@dataclass
class Counts:
    applicants: int = 0
    documents: int = 0
    complaints: int = 0
    messages: int = 0
    files: list = field(default_factory=list)

    def as_data(self):
        return {
            "applicants": self.applicants,
            "documents": self.documents,
            "complaints": self.complaints,
            "messages": self.messages,
        }


def years_before(moment, years):
    """The same instant `years` earlier (29 February falls back to the 28th)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def file_end(application):
    """When a file stops needing its applicant's identity; None while it still does
    (open, or its permit in force with no end date)."""
    from loket.permits.issuance import valid_until
    from loket.permits.models import Permit

    if application.closed_at is None:
        return None
    permit = getattr(application, "permit", None)
    if permit is None:
        return application.closed_at
    if permit.status == Permit.REVOKED:
        return max(application.closed_at, permit.revoked_at or application.closed_at)
    until = valid_until(permit)
    if until is None:
        return None
    expired = timezone.make_aware(dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    return max(application.closed_at, expired)


def _erasable(model):
    """A plain queryset of an append-only model.

    Registers and cards are corrected by new entries, never edited, with one
    exception the law makes: personal data is erased at the end of retention. Only
    identity columns are overwritten here, never times, steps or figures.
    """
    return models.QuerySet(model)


def due_applicants(office, now):
    """Applicants of the office whose every file ended before the cutoff."""
    from loket.permits.models import Application

    cutoff = years_before(now, office.retention_years)
    open_file = Application.objects.filter(applicant=OuterRef("pk"), closed_at__isnull=True)
    candidates = (
        Applicant.objects.filter(office=office, anonymised_at__isnull=True)
        .filter(applications__closed_at__lt=cutoff)
        .exclude(Exists(open_file))
        .distinct()
        .prefetch_related("applications__permit")
    )
    for applicant in candidates:
        ends = [file_end(a) for a in applicant.applications.all()]
        if ends and all(end is not None and end < cutoff for end in ends):
            yield applicant


def anonymise_applicant(applicant, now, counts):
    """Clear one applicant's identity and delete their uploads (see the module)."""
    from loket.notify.models import Letter, Outbox
    from loket.permits.models import ControlCardEntry, Document, Permit

    label = _("Pemohon #%(id)d") % {"id": applicant.pk}
    applications = applicant.applications.all()
    documents = Document.objects.filter(application__in=applications, purged_at__isnull=True)
    counts.files += list(documents.values_list("stored_name", flat=True))
    counts.documents += documents.update(purged_at=now)
    permits = Permit.objects.filter(application__in=applications)
    counts.files += [n for n in permits.values_list("proxy_document", flat=True) if n]
    permits.exclude(proxy_document="").update(proxy_document="")
    permits.exclude(collected_by="").update(collected_by=label)
    Letter.objects.filter(permit__in=permits).update(address="")
    counts.messages += Outbox.objects.filter(application__in=applications).update(
        recipient="", subject="", body=ERASED, last_error=""
    )
    # The answers the standard marks personal (loket.permits: kept encrypted apart).
    applications.update(personal_answers="")
    cards = _erasable(ControlCardEntry).filter(application__in=applications)
    if applicant.user_id:
        # An applicant collecting online is named on the card as the one who acted.
        cards.filter(officer_id=applicant.user_id).update(officer_name=label)
    for entry_id, details in cards.filter(details__has_key="received_by").values_list(
        "pk", "details"
    ):
        cards.filter(pk=entry_id).update(details={**details, "received_by": label})
    if applicant.user_id:
        _close_account(applicant.user_id)
    applicant.full_name = label
    applicant.nik = ""
    applicant.birth_place = ""
    applicant.birth_date = None
    applicant.address = ""
    applicant.phone = ""
    applicant.email = ""
    applicant.anonymised_at = now
    applicant.save(
        update_fields=[
            "full_name",
            "nik",
            "birth_place",
            "birth_date",
            "address",
            "phone",
            "email",
            "anonymised_at",
        ]
    )
    counts.applicants += 1


def _close_account(user_id):
    user = get_user_model().objects.get(pk=user_id)
    user.username = f"anonim-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = False
    user.set_unusable_password()
    # A save, not an update: signing out every session hangs on it (accounts.sessions).
    user.save(
        update_fields=["username", "first_name", "last_name", "email", "is_active", "password"]
    )
    UserSession.objects.filter(user_id=user_id).delete()


def due_complaints(office, now):
    from loket.complaints.models import Complaint

    cutoff = years_before(now, office.retention_years)
    return Complaint.objects.filter(
        office=office, anonymised_at__isnull=True, closed_at__lt=cutoff
    ).order_by("pk")


def anonymise_complaint(complaint, now, counts):
    from loket.complaints.models import Event, InboundEmail, RegisterEntry, ReportVersion
    from loket.notify.models import Outbox

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
    _erasable(RegisterEntry).filter(complaint=complaint).update(identity=cleared)
    # The delivery note names the address the answer went to.
    _erasable(Event).filter(complaint=complaint, kind=Event.DELIVERED).update(text=cleared)
    InboundEmail.objects.filter(complaint=complaint).update(sender="")
    counts.messages += Outbox.objects.filter(
        office_id=complaint.office_id, idempotency_key__startswith=f"complaint:{complaint.pk}:"
    ).update(recipient="", subject="", body=ERASED, last_error="")
    # Frozen monthly reports list complainants by name: the name goes, the figures stay.
    for version_id, data in _versions_naming(complaint):
        rows = [
            {**row, "identity": cleared} if row.get("ticket") == complaint.ticket else row
            for row in data.get("rows", [])
        ]
        _erasable(ReportVersion).filter(pk=version_id).update(data={**data, "rows": rows})
    counts.complaints += 1


def _versions_naming(complaint):
    """(id, data) of the frozen monthly report versions of the complaint's month."""
    from loket.complaints.models import ReportVersion

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


def _remove_files(names):
    from loket.core.storage import remove_private

    remove_private(names)


def apply_office_retention(office, now=None):
    """Apply the office's retention period; returns the counts (also on the trail)."""
    now = now or timezone.now()
    counts = Counts()
    for applicant in list(due_applicants(office, now)):
        with transaction.atomic():
            locked = Applicant.objects.select_for_update().get(pk=applicant.pk)
            if locked.anonymised_at is None:
                done = len(counts.files)
                anonymise_applicant(locked, now, counts)
                names = counts.files[done:]
                # The files go once the rows saying so are committed.
                transaction.on_commit(lambda names=names: _remove_files(names))
    from loket.complaints.models import Complaint

    for complaint_id in list(due_complaints(office, now).values_list("pk", flat=True)):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update().get(pk=complaint_id)
            if complaint.anonymised_at is None:
                anonymise_complaint(complaint, now, counts)
    with transaction.atomic():
        audit.record(
            "accounts.apply_retention",
            actor=None,
            office=office,
            data={"retention_years": office.retention_years, **counts.as_data()},
        )
    return counts


def apply_retention(now=None):
    """Every office, each under its own setting; {office code: counts}."""
    return {
        office.code: apply_office_retention(office, now).as_data()
        for office in Office.objects.order_by("pk")
    }
