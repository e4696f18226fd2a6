"""Retention and the data export, for what the permits app holds about an applicant.

Registered in PermitsConfig.ready (loket.core.personal_data). An applicant is
anonymised when every one of their files ended more than the office's retention
period ago. A file *ends* when it is closed and its permit is no longer in force
(expired, by the validity of its STR, or revoked); a permit still in force keeps its
holder's identity, as the intake notice says. Their uploads are deleted (the rows,
with name, size and hash, stay with `purged_at`), the people named on the control
card and the permit (an applicant collecting it) become "Pemohon #id", the messages
and letters about their files lose recipient and text (notify's own tables, through
loket.notify.retention), and their identity and account are cleared by the accounts
app (loket.accounts.retention.anonymise_applicant). The permit register (number,
dates, status), the control cards (steps, officers, times) stay as they are.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.accounts.models import Applicant
from loket.accounts.retention import anonymise_applicant
from loket.core.personal_data import cutoff, erasable
from loket.core.storage import remove_private
from loket.notify.retention import erase_letters, erase_messages
from loket.permits.issuance import letter_subject, valid_until
from loket.permits.messages import about_file
from loket.permits.models import Application, ControlCardEntry, Document, Permit

COUNTS = ("applicants", "documents", "messages")


def file_end(application):
    """When a file stops needing its applicant's identity; None while it still does
    (open, or its permit in force with no end date)."""
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


def due_applicants(office, now):
    """Applicants of the office whose every file ended before the cutoff."""
    before = cutoff(office, now)
    open_file = Application.objects.filter(applicant=OuterRef("pk"), closed_at__isnull=True)
    candidates = (
        Applicant.objects.filter(office=office, anonymised_at__isnull=True)
        .filter(applications__closed_at__lt=before)
        .exclude(Exists(open_file))
        .distinct()
        .prefetch_related("applications__permit")
    )
    for applicant in candidates:
        ends = [file_end(a) for a in applicant.applications.all()]
        if ends and all(end is not None and end < before for end in ends):
            yield applicant


def erase_files_of(applicant, now, tally):
    """Clear what the applicant's files hold about them (see the module)."""
    label = _("Pemohon #%(id)d") % {"id": applicant.pk}
    applications = Application.objects.filter(applicant=applicant)
    documents = Document.objects.filter(application__in=applications, purged_at__isnull=True)
    tally.files += list(documents.values_list("stored_name", flat=True))
    tally.add("documents", documents.update(purged_at=now))
    permits = Permit.objects.filter(application__in=applications)
    tally.files += [n for n in permits.values_list("proxy_document", flat=True) if n]
    permits.exclude(proxy_document="").update(proxy_document="")
    permits.exclude(collected_by="").update(collected_by=label)
    erase_letters((letter_subject(pk) for pk in permits.values_list("pk", flat=True)), label)
    files = [about_file(pk) for pk in applications.values_list("pk", flat=True)]
    tally.add("messages", erase_messages(Q(about__in=files)))
    # The answers the standard marks personal (kept encrypted apart).
    applications.update(personal_answers="")
    cards = erasable(ControlCardEntry).filter(application__in=applications)
    if applicant.user_id:
        # An applicant collecting online is named on the card as the one who acted.
        cards.filter(officer_id=applicant.user_id).update(officer_name=label)
    for entry_id, details in cards.filter(details__has_key="received_by").values_list(
        "pk", "details"
    ):
        cards.filter(pk=entry_id).update(details={**details, "received_by": label})


def apply_retention(office, now, tally):
    """The permits app's retention rule: every applicant whose files all ended."""
    for applicant in list(due_applicants(office, now)):
        with transaction.atomic():
            locked = Applicant.objects.select_for_update().get(pk=applicant.pk)
            if locked.anonymised_at is None:
                done = len(tally.files)
                erase_files_of(locked, now, tally)
                anonymise_applicant(locked, now)
                tally.add("applicants")
                names = tally.files[done:]
                # The files go once the rows saying so are committed.
                transaction.on_commit(lambda names=names: remove_private(names))
