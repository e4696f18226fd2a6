"""Demo data for `make run`: one officer per role, an applicant, files at several steps.

Clearly a demo: every account shares DEMO_PASSWORD, printed on the terminal.
"""

import io
from datetime import date, timedelta
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from PIL import Image

from loket.accounts.actions import register_applicant
from loket.accounts.backends import applicant_username
from loket.accounts.models import Applicant, Officer
from loket.core.demo import give_demo_identity
from loket.core.models import Office
from loket.core.roles import OFFICER_ROLES, PEMOHON, ROLE_LABELS
from loket.lib.pdf import html_to_pdf
from loket.permits import actions
from loket.permits.actions import Filing, Upload
from loket.permits.models import Application
from loket.standards.models import Service
from loket.standards.samples import sample_answers

DEMO_PASSWORD = "loket-demo-2026"
# The demo Kepala Dinas's own signing passphrase: it opens his personal key (made by the
# demo CA) at step 7. DEMO ONLY: a real officer chooses theirs at the key ceremony.
DEMO_SIGNING_PASSPHRASE = "ttd-kadis-demo-2026"
# Officers log in with a second factor (TOTP). Every demo officer's device shares this
# published key, so one entry in an authenticator app (or `manage.py demo_otp fo`)
# serves them all. DEMO ONLY: a real officer enrols their own device at first login.
DEMO_OTP_KEY = "4c6f6b65742d64656d6f2d6f6e6c792d32303236"  # hex of "Loket-demo-only-2026"
DEMO_OTP_DEVICE = "demo"
OFFICERS = {
    "front_office": ("fo", "Rina Marlina"),
    "back_office": ("bo", "Budi Santoso"),
    "jf_ahli_muda": ("muda", "Sri Wahyuni, S.K.M."),
    "jf_ahli_madya": ("madya", "Ahmad Fauzi, S.H., M.H."),
    "sekretaris": ("sekretaris", "Dra. Hj. Nurhayati, M.Si."),
    "kepala_dinas": ("kadis", "H. Zulkarnain, S.STP., M.Si."),
    "kepala_bidang": ("kabid", "Dedi Kurniawan, S.T."),
    "pengelola_pengaduan": ("pengaduan", "Yusuf Hidayat"),
}
APPLICANT = {
    "full_name": "Siti Aminah",
    "nik": "1471055203900002",
    "birth_place": "Pekanbaru",
    "birth_date": date(1990, 3, 12),
    "sex": "P",
    "address": "Jl. Sudirman No. 10, Kel. Simpang Empat, Kec. Pekanbaru Kota, Pekanbaru 28121",
    "phone": "081234567890",
    "email": "siti.aminah@example.org",
    "consent": True,
}


def _files(spec, kind):
    pdf = html_to_pdf("<h1>Dokumen contoh</h1><p>Hasil pindai untuk demo Loket.</p>")
    buf = io.BytesIO()
    Image.new("RGB", (240, 360), (200, 40, 40)).save(buf, "JPEG")
    photo = buf.getvalue()
    uploads = []
    for req in spec.requirements_for(kind):
        if req.mandatory:
            data, name = (
                (pdf, f"{req.code}.pdf") if "pdf" in req.file_types else (photo, "foto.jpg")
            )
            uploads.append(Upload(requirement=req.code, name=name, data=data))
    return uploads


def _officers(office):
    User = get_user_model()
    users = {}
    for role in OFFICER_ROLES:
        username, name = OFFICERS[role]
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": name})
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        Officer.objects.get_or_create(user=user, defaults={"office": office})
        users[role] = user
    Group.objects.get_or_create(name=PEMOHON)
    return users


def _sign_as_kadis(application, user):
    """Step 7 as the Kepala Dinas does it: the document's hash, the confirmation, his
    own passphrase."""
    from loket.lib.signing import pdf_sha256
    from loket.lib.signing_backends import PASSPHRASE, Secret
    from loket.permits.issuance_signing import document_to_sign

    pdf, _boxes, _code = document_to_sign(application, user)
    return actions.complete_step(
        application,
        user,
        application.current_step,
        document_sha256=pdf_sha256(pdf),
        secret=Secret(PASSPHRASE, DEMO_SIGNING_PASSPHRASE),
        confirmed=True,
    )


def _enrol_kadis(user):
    from loket.permits import issuance_certificates
    from loket.permits.models import SigningCertificate

    if not SigningCertificate.objects.filter(officer=user, status="active").exists():
        issuance_certificates.enrol_local(user, DEMO_SIGNING_PASSPHRASE)


def _advance(application, users, upto):
    """Walk a file through its steps up to (not including) step `upto`."""
    while application.current_step < upto and application.is_open:
        step = application.step
        if step.kind == "sign":
            application = _sign_as_kadis(application, users[step.role])
            continue
        application = actions.complete_step(
            application,
            users[step.role],
            step.no,
            checked=[r.code for r in application.spec.requirements_for(application.kind)],
        )
    return application


@transaction.atomic
def load_demo():
    service = Service.objects.select_related("office", "current").get(code="sikts")
    office = service.office
    if Application.objects.filter(office=office).exists():
        return False
    give_demo_identity(office)
    Office.objects.filter(pk=office.pk).update(
        head_name="H. Zulkarnain, S.STP., M.Si.",
        head_rank="Pembina Utama Muda (IV/c)",
        head_nip="197501012000031001",
    )
    office.refresh_from_db()
    users = _officers(office)
    _enrol_kadis(users["kepala_dinas"])
    User = get_user_model()
    if not User.objects.filter(username=applicant_username(APPLICANT["nik"])).exists():
        register_applicant(office, APPLICANT, password=DEMO_PASSWORD)
    applicant = Applicant.objects.with_nik(APPLICANT["nik"]).get(office=office)
    version = service.current
    spec = version.spec

    def file(kind="baru", when=None, applicant=applicant, user=None, channel=Application.ONLINE):
        filing = Filing(kind=kind, answers=sample_answers(spec, kind), uploads=_files(spec, kind))
        with mock.patch("django.utils.timezone.now", return_value=when or timezone.now()):
            return actions.file_application(
                version=version,
                applicant=applicant,
                filing=filing,
                user=user or applicant.user,
                channel=channel,
                max_total_bytes=settings.APPLICATION_MAX_BYTES,
            )

    # A file waiting for the Front Office's check.
    file()
    # A file returned to the applicant: the STR scan is unreadable.
    returned = file()
    actions.return_to_applicant(
        returned,
        users["front_office"],
        {"str": "Hasil pindai STR tidak terbaca; unggah ulang yang jelas."},
    )
    # A late file: filed a week ago and still waiting for the Ahli Madya's initial.
    late_start = timezone.now() - timedelta(days=7)
    walkin = register_applicant(
        office,
        {
            "full_name": "Rahmat Hidayat",
            "nik": "1471021507880003",
            "birth_place": "Kampar",
            "birth_date": date(1988, 7, 15),
            "sex": "L",
            "address": "Jl. Arifin Ahmad No. 5, Pekanbaru",
            "phone": "0813-7000-1234",
            "email": "",
            "consent": True,
        },
        by=users["front_office"],
    )
    with mock.patch("django.utils.timezone.now", return_value=late_start):
        late = file(
            when=late_start,
            applicant=walkin,
            user=users["front_office"],
            channel=Application.COUNTER,
        )
        _advance(late, users, 5)
    # A file waiting for the Kepala Dinas's signature, and one ready to collect.
    _advance(file(), users, 7)
    _advance(file(), users, 9)
    # Two finished files, collected, for the survey and the supervision pages.
    _advance(file(), users, 99)
    _advance(file(), users, 99)
    _load_other_demos(office)
    return True


def _load_other_demos(office):
    """Complaints and a season of survey responses, from their own apps."""
    from loket.complaints.demo import load_demo_complaints

    load_demo_complaints(office)
    try:
        from loket.surveys.demo import load_demo_surveys
    except ImportError:  # the surveys app has no demo data yet
        return
    load_demo_surveys(office)


def ensure_demo_two_factor():
    """Give every demo officer a confirmed TOTP device with the published demo key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    for username, _name in OFFICERS.values():
        user = User.objects.filter(username=username).first()
        if user is not None:
            TOTPDevice.objects.update_or_create(
                user=user,
                name=DEMO_OTP_DEVICE,
                defaults={"key": DEMO_OTP_KEY, "confirmed": True},
            )


def print_accounts(stdout):
    from base64 import b32encode
    from binascii import unhexlify

    stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})  — DEMO ONLY\n")
    for role, (username, name) in OFFICERS.items():
        stdout.write(f"  {username:<12} {ROLE_LABELS[role]} ({name})\n")
    stdout.write(
        f"  {APPLICANT['nik']:<12} Pemohon ({APPLICANT['full_name']}; log in with the NIK)\n"
    )
    stdout.write(
        f"\nThe Kepala Dinas (kadis) signs at step 7 with his own passphrase: "
        f"{DEMO_SIGNING_PASSPHRASE}  — DEMO ONLY\n"
    )
    secret = b32encode(unhexlify(DEMO_OTP_KEY)).decode()
    stdout.write(
        "\nOfficers also type a 6-digit code after the password (two-factor login).\n"
        f"  Demo key, the same for every demo officer: {secret}\n"
        f"  otpauth://totp/Loket%20DEMO?secret={secret}&issuer=Loket%20DEMO\n"
        "  Add it to an authenticator app, or print the current code with\n"
        "  .venv/bin/python manage.py demo_otp fo\n"
    )
