"""The retention job anonymises what is past each office's retention period, and only
that: the permit register, the control cards and the survey (IKM) stay as they were,
and a second run changes nothing."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.accounts.models import Applicant
from loket.accounts.retention import apply_office_retention
from loket.audit.models import AuditEvent
from loket.complaints import actions as complaint_actions
from loket.complaints.models import INTERNET, Complaint, RegisterEntry, ReportVersion
from loket.core.personal_data import years_before
from loket.core.storage import private_exists
from loket.notify.models import Outbox
from loket.permits.messages import about_file
from loket.permits.models import ControlCardEntry, Document, Permit
from loket.permits.retention import file_end
from loket.surveys.actions import create_invitation, submit_by_token
from loket.surveys.models import SurveyResponse
from loket.surveys.queries import ikm_for_period, resolve_period
from loket.surveys.tests.helpers import form_data
from loket.testing import PASSWORD, advance, file_for, make_applicant

LATER = dt.timedelta(days=round(6 * 365.25))  # the job runs six years from now


def _closed_file(sikts, officers, applicant, *, str_valid_until):
    application = advance(file_for(sikts, applicant), officers, 99)
    # The permit's validity is fixed when it is numbered; here it is set to the case.
    Permit.objects.filter(application=application).update(valid_until=str_valid_until)
    application.refresh_from_db()
    return application


@pytest.fixture
def world(sikts, office, officers, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    old = make_applicant(office, name="Siti Lama")
    old_file = _closed_file(sikts, officers, old, str_valid_until=today)
    submit_by_token(create_invitation(old_file).token, form_data(2))
    recent = make_applicant(office, name="Budi Baru")
    # Its STR (so the permit) is valid three more years: five years after that is later.
    recent_file = _closed_file(
        sikts, officers, recent, str_valid_until=today + dt.timedelta(days=3 * 365)
    )
    lifelong = make_applicant(office, name="Rina Seumur Hidup")
    lifelong_file = _closed_file(sikts, officers, lifelong, str_valid_until=None)
    both = make_applicant(office, name="Dedi Dua Berkas")
    _closed_file(sikts, officers, both, str_valid_until=today)
    file_for(sikts, both)  # still open: keeps Dedi's identity
    complaint = complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(
            description="Loket tutup lebih awal.",
            name="Ani Pengadu",
            phone="0813-7000-1234",
            email="ani@example.org",
        ),
        channel=INTERNET,
        user=old.user,
    )
    handler = officers["pengelola_pengaduan"]
    complaint = complaint_actions.weigh(complaint, handler, "ringan", "jelas")
    complaint = complaint_actions.answer(complaint, handler, "Sudah kami perbaiki.")
    now = timezone.localtime()
    complaint_actions.compile_report(office, handler, now.year, now.month)
    open_complaint = complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(description="Belum dijawab.", name="Tono", phone="081399990000"),
        channel=INTERNET,
    )
    return {
        "old": old,
        "old_file": old_file,
        "recent": recent,
        "recent_file": recent_file,
        "lifelong": lifelong,
        "lifelong_file": lifelong_file,
        "both": both,
        "complaint": complaint,
        "open_complaint": open_complaint,
        "capture": django_capture_on_commit_callbacks,
    }


def _run(office, world, at=None):
    with world["capture"](execute=True):
        return apply_office_retention(office, now=at or timezone.now() + LATER)


def _register_state(office):
    permits = [
        model_to_dict(p, fields=["number", "year", "seq", "numbered_at", "status", "signed_at"])
        | {"collected_at": p.collected_at, "verify_code": p.verify_code}
        for p in Permit.objects.filter(office=office).order_by("pk")
    ]
    cards = list(
        ControlCardEntry.objects.filter(application__office=office)
        .order_by("pk")
        .values_list("step_no", "role", "event", "officer_id", "at", "elapsed_minutes")
    )
    surveys = list(SurveyResponse.objects.order_by("pk").values())
    return permits, cards, surveys


def test_it_anonymises_an_applicant_whose_files_are_past_retention(office, world):
    """Name, NIK, phone, address, email and birth date go; the account is closed; the
    uploads are deleted (rows kept); the messages lose recipient and text."""
    old, old_file = world["old"], world["old_file"]
    names = [d.stored_name for d in old_file.documents.all()]
    assert names and all(private_exists(n) for n in names)
    counts = _run(office, world)
    assert counts.applicants == 1
    fresh = Applicant.objects.get(pk=old.pk)
    assert fresh.full_name == f"Pemohon #{old.pk}" and fresh.anonymised_at is not None
    assert (fresh.nik, fresh.phone, fresh.address, fresh.email) == ("", "", "", "")
    assert fresh.birth_date is None and fresh.birth_place == "" and fresh.nik_hash is None
    assert not Applicant.objects.with_nik(old.nik).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT nik, phone FROM accounts_applicant WHERE id = %s", [old.pk])
        assert cursor.fetchone() == ("", "")
    assert not any(private_exists(n) for n in names)
    documents = Document.objects.filter(application=old_file)
    assert documents.count() == len(names) and not documents.filter(purged_at=None).exists()
    assert all(d.sha256 and d.size for d in documents)
    messages = Outbox.objects.filter(about=about_file(old_file.pk))
    assert messages.exists() and set(messages.values_list("recipient", flat=True)) == {""}
    user = type(old.user).objects.get(pk=old.user_id)
    assert not user.is_active and old.nik_hash not in user.username and not user.email
    assert not user.has_usable_password()
    old_file.refresh_from_db()
    assert old_file.personal_answers == "" and "str_number" not in old_file.all_answers()
    assert old_file.permit.collected_by in ("", f"Pemohon #{old.pk}")


def test_it_leaves_files_within_retention_untouched(office, world):
    """A file closed recently, a permit still valid for years or for life, and an
    applicant with another file still open keep their identity."""
    keep = [world["recent"], world["lifelong"], world["both"]]
    before = {a.pk: model_to_dict(Applicant.objects.get(pk=a.pk)) for a in keep}
    documents = Document.objects.filter(application__applicant__in=keep)
    _run(office, world)
    for applicant in keep:
        assert model_to_dict(Applicant.objects.get(pk=applicant.pk)) == before[applicant.pk]
    assert not documents.filter(purged_at__isnull=False).exists()
    assert all(private_exists(d.stored_name) for d in documents)
    assert file_end(world["lifelong_file"]) is None
    # Five years after the recent permit expires, it too is past retention.
    later = timezone.now() + LATER + dt.timedelta(days=4 * 365)
    assert _run(office, world, at=later).applicants >= 1
    assert Applicant.objects.get(pk=world["recent"].pk).anonymised_at is not None
    assert Applicant.objects.get(pk=world["lifelong"].pk).anonymised_at is None


def test_it_keeps_the_permit_register_and_the_ikm(office, world, sikts):
    """Permit numbers, dates and status, control-card times and the survey responses
    (so the IKM) are the same after the job."""
    period = resolve_period(office)
    before_ikm = ikm_for_period(office, period)
    before = _register_state(office)
    counts = _run(office, world)
    assert counts.applicants == 1 and counts.complaints == 1
    assert _register_state(office) == before
    after_ikm = ikm_for_period(office, period)
    assert before_ikm.respondents == 1 and before_ikm.population == 5
    assert (after_ikm.respondents, after_ikm.population) == (1, 5)
    assert after_ikm.result == before_ikm.result
    permit = world["old_file"].permit
    page = Client().get(reverse("verify", kwargs={"code": permit.verify_code}))
    assert page.status_code == 200 and permit.number in page.content.decode()


def test_it_anonymises_complainants_after_the_complaints_retention(office, world):
    """The closed complaint loses name and contacts, in the register and the monthly
    report too; an open complaint keeps them; weights and dates stay."""
    complaint = world["complaint"]
    _run(office, world)
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert (fresh.name, fresh.phone, fresh.email, fresh.phone_hash) == ("", "", "", "")
    assert fresh.user_id is None and fresh.anonymised_at is not None
    assert (fresh.weight, fresh.received_at, fresh.closed_at) == (
        complaint.weight,
        complaint.received_at,
        complaint.closed_at,
    )
    lines = RegisterEntry.objects.filter(complaint=complaint)
    assert lines.exists() and not any("Ani" in line.identity for line in lines)
    rows = [r for v in ReportVersion.objects.all() for r in v.data["rows"]]
    assert rows and not any("Ani" in str(r["identity"]) for r in rows)
    messages = Outbox.objects.filter(idempotency_key__startswith=f"complaint:{complaint.pk}:")
    assert messages.exists() and set(messages.values_list("recipient", flat=True)) == {""}
    still = Complaint.objects.get(pk=world["open_complaint"].pk)
    assert still.name == "Tono" and still.phone == "+6281399990000"


def test_it_is_a_no_op_the_second_time(office, world):
    """A second run finds nothing to do and changes no row; both runs are on the
    trail with their counts only."""
    _run(office, world)
    snapshot = (
        list(Applicant.objects.order_by("pk").values()),
        list(Complaint.objects.order_by("pk").values()),
        list(Document.objects.order_by("pk").values()),
        list(Outbox.objects.order_by("pk").values()),
    )
    counts = _run(office, world)
    assert counts.as_data() == {
        "applicants": 0,
        "documents": 0,
        "complaints": 0,
        "messages": 0,
        "quarantined_emails": 0,
    }
    assert snapshot == (
        list(Applicant.objects.order_by("pk").values()),
        list(Complaint.objects.order_by("pk").values()),
        list(Document.objects.order_by("pk").values()),
        list(Outbox.objects.order_by("pk").values()),
    )
    events = list(AuditEvent.objects.filter(action="accounts.apply_retention").order_by("seq"))
    assert [e.summary["applicants"] for e in events] == [1, 0]
    assert set(events[0].summary) == {
        "retention_years",
        "applicants",
        "documents",
        "complaints",
        "messages",
        "quarantined_emails",
    }


def test_it_follows_the_offices_setting(office, world):
    """Ten years' retention keeps everything six years on."""
    office.retention_years = 10
    office.save(update_fields=["retention_years"])
    assert _run(office, world).applicants == 0
    assert Applicant.objects.get(pk=world["old"].pk).anonymised_at is None


def test_it_ends_the_sign_in_of_an_anonymised_applicant(client, office, world):
    """The applicant's NIK and password no longer sign anyone in."""
    old = world["old"]
    _run(office, world)
    response = client.post(reverse("login"), {"username": old.nik, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_it_runs_as_a_command_and_a_daily_task(office, world, settings):
    """`manage.py apply_retention` reports per office; the daily task is scheduled
    with the worker's other jobs."""
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert office.code in out.getvalue()
    from loket.accounts.tasks import apply_retention, next_retention_run
    from loket.core.jobs import ensure_scheduled

    assert apply_retention.call(repeat=False)[office.code]["applicants"] == 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert "apply_retention" in ensure_scheduled()
    assert "apply_retention" not in ensure_scheduled()
    now = timezone.now()
    assert now < next_retention_run(now) <= now + dt.timedelta(days=1)


def test_years_before_handles_leap_days():
    """29 February six years back is the 28th."""
    moment = dt.datetime(2028, 2, 29, 10, tzinfo=dt.UTC)
    assert years_before(moment, 6) == dt.datetime(2022, 2, 28, 10, tzinfo=dt.UTC)
