"""The retention job: personal data is kept no longer than its purpose needs.

UU 27/2022 Pasal 16 (2)(g) and 43-44: at the end of the retention period personal
data is erased or anonymised, per office (`Office.retention_years`, 5 by default).
The data lives in many apps, so the job asks each app to apply its own rule to its
own tables (loket.core.personal_data): the files of an applicant (loket.permits
.retention), complaints (loket.complaints.retention), and the messages and letters
about them (cleared by those rules through loket.notify.retention). The accounts app
runs them and owns the applicant's identity and account (`anonymise_applicant`,
called by the rule that knows the applicant no longer needs them).

What stays: the permit register (number, dates, status), the control cards (steps,
officers, times), survey responses, complaint weights and handling times: they are
the statistics and the record the law keeps. Each run writes one audit event per
office, with counts only. Running it again changes nothing: what was cleared is
skipped.
"""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.accounts.models import UserSession
from loket.core.models import Office
from loket.core.personal_data import Tally, retention_rules


def anonymise_applicant(applicant, now):
    """Clear one applicant's identity and close their account, inside the caller's
    transaction (the caller has locked the row). Their name becomes "Pemohon #id";
    NIK, phone, address, e-mail, place and date of birth are cleared; their account
    can no longer sign in."""
    if applicant.user_id:
        _close_account(applicant.user_id)
    applicant.full_name = _("Pemohon #%(id)d") % {"id": applicant.pk}
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


def apply_office_retention(office, now=None):
    """Apply the office's retention period; returns the tally (also on the trail)."""
    now = now or timezone.now()
    rules = retention_rules()
    tally = Tally(name for rule in rules for name in rule.counts)
    for rule in rules:
        rule.apply(office, now, tally)
    with transaction.atomic():
        audit.record(
            "accounts.apply_retention",
            actor=None,
            office=office,
            data={"retention_years": office.retention_years, **tally.as_data()},
        )
    return tally


def apply_retention(now=None):
    """Every office, each under its own setting; {office code: counts}."""
    return {
        office.code: apply_office_retention(office, now).as_data()
        for office in Office.objects.order_by("pk")
    }
