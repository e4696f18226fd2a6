"""Arbitrary text, dates, numbers and files in every field of every form never make a 500.

Each case POSTs (or GETs) generated values for the fields of one form, as the user who
may use it, to the page that handles it. The test client re-raises any exception a
view lets through, so a crash fails the test even before the status is looked at.
"""

from datetime import date

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.accounts.forms import IdentityForm, RegisterForm, TwoFactorForm
from loket.accounts.testing_login import plain_force_login
from loket.complaints import actions as complaint_actions
from loket.complaints import antispam
from loket.complaints.actions import Intake
from loket.complaints.forms import (
    AnswerForm,
    CompileReportForm,
    CoordinationForm,
    DeliveryForm,
    PublicComplaintForm,
    RecordComplaintForm,
    RegisterFilterForm,
    ReviewForm,
    WeighForm,
)
from loket.complaints.models import INTERNET
from loket.core.roles import FRONT_OFFICE, PENGELOLA_PENGADUAN, SEKRETARIS
from loket.permits import actions as permit_actions
from loket.permits.forms import ApplicationForm, ResubmitForm
from loket.surveys.forms import FollowUpForm, SurveyForm
from loket.surveys.models import FollowUpItem
from loket.testing import file_for

EXAMPLES = 30

TEXT = st.text(st.characters(codec="utf-8"), max_size=300)
AWKWARD = st.sampled_from(
    ["", " ", "0", "-1", "1e309", "NaN", "null", "'; DROP TABLE x;--", "<script>", "\x00", "٣"]
)
DATES = st.one_of(
    st.dates().map(date.isoformat),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.sampled_from(["0000-00-00", "2024-02-30", "9999-12-31", "0001-01-01", "31-12-2024"]),
    TEXT,
)
NAMES = st.sampled_from(["dokumen.pdf", "foto.jpg", "gambar.png", "x.exe", "tanpa-ekstensi", ""])
FILES = st.builds(
    lambda name, data, kind: SimpleUploadedFile(name or "f", data, kind),
    NAMES,
    st.one_of(st.binary(max_size=2048), st.sampled_from([b"", b"%PDF-1.4\n", b"\xff\xd8\xff"])),
    st.sampled_from(["application/pdf", "image/jpeg", "image/png", "text/plain", ""]),
)


def values_for(field):
    """Mostly-wrong and sometimes-right values for one form field."""
    if isinstance(field, forms.FileField):
        return FILES
    if isinstance(field, forms.DateField):
        return DATES
    if isinstance(field, forms.BooleanField):
        return st.one_of(st.sampled_from(["on", "", "false", "1"]), TEXT)
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        return st.one_of(st.integers().map(str), st.floats().map(str), AWKWARD, TEXT)
    if isinstance(field, forms.ChoiceField) and field.choices:
        choices = [str(value) for value, _label in field.choices]
        return st.one_of(st.sampled_from(choices), AWKWARD, TEXT)
    return st.one_of(TEXT, AWKWARD)


def form_data(form, extra=None):
    """Each field of the (unbound) form present or not, with arbitrary values."""
    optional = {form.add_prefix(name): values_for(field) for name, field in form.fields.items()}
    optional.update(extra or {})
    return st.fixed_dictionaries({}, optional=optional)


def survive(client, method, url, strategy):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=strategy)
    def run(data):
        for upload in data.values():
            if hasattr(upload, "seek"):
                upload.seek(0)
        response = getattr(client, method)(url, data)
        assert response.status_code < 500, (url, data)

    run()


@pytest.fixture(autouse=True)
def _generous_limits(settings):
    """The limits have their own tests; here every example must reach the form."""
    for name in [
        "RATE_REGISTER",
        "RATE_SURVEY",
        "RATE_SURVEY_KIOSK",
        "RATE_OTP",
        "COMPLAINTS_RATE_FILE",
    ]:
        setattr(settings, name, 10_000)
    settings.AXES_FAILURE_LIMIT = 10_000
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _as(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def complaint(office):
    return complaint_actions.file_complaint(
        office, Intake(description="Pelayanan lambat.", name="Budi"), channel=INTERNET
    )


# --- accounts ------------------------------------------------------------------


def test_it_survives_arbitrary_registrations(office):
    """The registration form: identity fields, dates, passwords."""
    survive(_as(None), "post", "/akun/daftar/", form_data(RegisterForm()))


def test_it_survives_arbitrary_logins(db):
    """The login form (django-axes watches it)."""
    fields = {"username": st.one_of(TEXT, AWKWARD), "password": st.one_of(TEXT, AWKWARD)}
    survive(_as(None), "post", "/masuk/", st.fixed_dictionaries({}, optional=fields))


def test_it_survives_arbitrary_second_factor_codes(officers):
    """The TOTP code form of an officer who has only given their password."""
    client = Client()
    plain_force_login(client, officers[FRONT_OFFICE])
    survive(client, "post", "/akun/verifikasi/", form_data(TwoFactorForm(), {"next": TEXT}))


# --- permits -------------------------------------------------------------------


def test_it_survives_arbitrary_applications(sikts, applicant):
    """The online application form, with arbitrary files in the document fields."""
    form = ApplicationForm(spec=sikts.spec)
    url = f"/ajukan/{sikts.service.pk}/"
    survive(_as(applicant.user), "post", url, form_data(form))


def test_it_survives_arbitrary_counter_filings(sikts, officers):
    """The counter form: a walk-in's identity and the filing together."""
    identity = form_data(IdentityForm(prefix="p"))
    filing = form_data(ApplicationForm(spec=sikts.spec, prefix="a"))
    both = st.builds(lambda a, b: {**a, **b}, identity, filing)
    url = f"/loket/terima/?service={sikts.service.pk}"
    survive(_as(officers[FRONT_OFFICE]), "post", url, both)


def test_it_survives_arbitrary_resubmissions_and_step_forms(application, officers):
    """Resubmitted files, returns and step completions with arbitrary values."""
    checks = [r.code for r in application.spec.requirements_for(application.kind)]
    fo = _as(officers[FRONT_OFFICE])
    step_fields = {
        "step_no": st.one_of(st.integers().map(str), AWKWARD, TEXT),
        "checked": st.lists(st.one_of(st.sampled_from(checks), TEXT), max_size=4),
        "received_by": TEXT,
        **{f"problem_{code}": TEXT for code in checks},
    }
    steps = st.fixed_dictionaries({}, optional=step_fields)
    survive(fo, "post", f"/permohonan/{application.pk}/kembalikan/", steps)
    survive(fo, "post", f"/permohonan/{application.pk}/selesaikan/", steps)

    # The steps above may have moved that file on: return a fresh one.
    application = file_for(application.version, application.applicant)
    permit_actions.return_to_applicant(application, officers[FRONT_OFFICE], {"str": "Buram."})
    application.refresh_from_db()
    url = f"/permohonan/{application.pk}/kirim-ulang/"
    form = ResubmitForm(application=application)
    survive(_as(application.applicant.user), "post", url, form_data(form))


# --- complaints ----------------------------------------------------------------


def test_it_survives_arbitrary_public_complaints(office):
    """The public complaint form, with a valid or a forged anti-spam stamp."""
    stamps = st.one_of(st.just(antispam.stamp()), TEXT)
    data = form_data(PublicComplaintForm(), {"stamp": stamps, "website": st.just("")})
    survive(_as(None), "post", "/pengaduan/", data)


def test_it_survives_arbitrary_recorded_complaints(officers):
    """The officer's form for counter, letter, phone and fax complaints."""
    survive(
        _as(officers[PENGELOLA_PENGADUAN]),
        "post",
        "/pengaduan/catat/",
        form_data(RecordComplaintForm()),
    )


def test_it_survives_arbitrary_complaint_handling(complaint, officers):
    """Weighing, coordinating, answering and delivering with arbitrary values."""
    handler = _as(officers[PENGELOLA_PENGADUAN])
    base = f"/pengaduan/{complaint.pk}"
    roles = {"role": st.one_of(TEXT, AWKWARD)}
    survive(handler, "post", f"{base}/bobot/", form_data(WeighForm()))
    survive(handler, "post", f"{base}/koordinasi/", form_data(CoordinationForm(), roles))
    survive(handler, "post", f"{base}/jawab/", form_data(AnswerForm()))
    methods = [(m, m) for m in ("surat", "telepon", "faks", "langsung", "email", "halaman_lacak")]
    survive(handler, "post", f"{base}/sampaikan/", form_data(DeliveryForm(methods=methods)))


def test_it_survives_arbitrary_register_filters(officers):
    """The complaint register's filter form (GET), with export formats."""
    extra = {"format": st.sampled_from(["", "pdf", "xlsx", "csv"])}
    survive(
        _as(officers[PENGELOLA_PENGADUAN]),
        "get",
        "/pengaduan/buku/",
        form_data(RegisterFilterForm(), extra),
    )


def test_it_survives_arbitrary_monthly_reports(office, officers):
    """Compiling a monthly report and the Sekretaris's review with arbitrary values."""
    handler = officers[PENGELOLA_PENGADUAN]
    survive(_as(handler), "post", "/pengaduan/laporan/", form_data(CompileReportForm()))
    today = timezone.localdate()
    report = complaint_actions.compile_report(office, handler, today.year, today.month)
    complaint_actions.submit_report(report, handler)
    url = f"/pengaduan/laporan/{report.pk}/review/"
    survive(_as(officers[SEKRETARIS]), "post", url, form_data(ReviewForm()))


# --- surveys -------------------------------------------------------------------


def test_it_survives_arbitrary_survey_answers(sikts):
    """The public survey form, from the QR code and the counter kiosk."""
    office, code = sikts.service.office.code, sikts.service.code
    data = form_data(SurveyForm())
    survive(_as(None), "post", f"/survei/isi/{office}/{code}/", data)
    survive(_as(None), "post", f"/survei/kios/{office}/{code}/", data)


def test_it_survives_arbitrary_follow_up_plans(sikts, officers):
    """The follow-up plan of a weak survey element, edited by the Sekretaris."""
    item = FollowUpItem.objects.create(
        office=sikts.service.office,
        service=sikts.service,
        period_key="2026",
        element="U3",
        nrr="2.100",
        mutu="C",
        problem="Waktu pelayanan lama.",
        opened_at=timezone.now(),
    )
    url = f"/survei/tindak-lanjut/{item.pk}/"
    survive(_as(officers[SEKRETARIS]), "post", url, form_data(FollowUpForm(instance=item)))
