"""Helpers for tests: build offices, officers, applicants and files quickly."""

import io
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image

from loket.accounts.actions import register_applicant
from loket.accounts.models import Officer
from loket.core.roles import OFFICER_ROLES, PEMOHON
from loket.permits import actions
from loket.permits.actions import Filing, Upload
from loket.permits.models import Application
from loket.standards.actions import load_standard
from loket.standards.samples import sample_answers

ROOT = Path(settings.BASE_DIR)
SIKTS_YAML = ROOT / "standards" / "sikts.yaml"
PASSWORD = "uji-Loket-2026!"

MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
    b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)


def jpeg_bytes(size=(60, 90)):
    buf = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buf, "JPEG")
    return buf.getvalue()


def load_sikts(text=None):
    version, _ = load_standard(text or SIKTS_YAML.read_text(encoding="utf-8"))
    return version


def make_officers(office, prefix=""):
    """One officer per role in `office`; returns {role: user}."""
    User = get_user_model()
    users = {}
    for role in OFFICER_ROLES:
        user = User.objects.create_user(
            username=f"{prefix}{role}", password=PASSWORD, first_name=f"{prefix}{role}"
        )
        user.groups.add(Group.objects.get_or_create(name=role)[0])
        Officer.objects.create(user=user, office=office)
        # Officers log in with a second factor; tests get a confirmed TOTP device.
        TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
        users[role] = user
    return users


_nik_serial = [0]


def make_applicant(office, name="Siti Aminah", with_account=True):
    _nik_serial[0] += 1
    serial = _nik_serial[0]
    data = {
        "full_name": name,
        "nik": f"14710552039{serial:05d}",
        "birth_place": "Pekanbaru",
        "birth_date": date(1990, 3, 12),
        "sex": "P",
        "address": "Jl. Sudirman No. 10, Pekanbaru",
        "phone": "081234567890",
        "email": "pemohon@example.org",
        "consent": True,
    }
    applicant = register_applicant(office, data, password=PASSWORD if with_account else None)
    if with_account:
        applicant.user.groups.add(Group.objects.get_or_create(name=PEMOHON)[0])
    return applicant


def uploads_for(spec, kind="baru"):
    photo = jpeg_bytes()
    return [
        Upload(
            requirement=r.code,
            name=f"{r.code}.pdf" if "pdf" in r.file_types else f"{r.code}.jpg",
            data=MINIMAL_PDF if "pdf" in r.file_types else photo,
        )
        for r in spec.requirements_for(kind)
        if r.mandatory
    ]


def file_for(version, applicant, kind="baru"):
    filing = Filing(
        kind=kind,
        answers=sample_answers(version.spec, kind),
        uploads=uploads_for(version.spec, kind),
    )
    return actions.file_application(
        version=version,
        applicant=applicant,
        filing=filing,
        user=applicant.user,
        channel=Application.ONLINE,
        max_total_bytes=settings.APPLICATION_MAX_BYTES,
    )


# The passphrase test signers choose for their own key (never a setting).
SIGNING_PASSPHRASE = "rahasia-kadis-uji"


def ensure_signing_certificate(user, passphrase=SIGNING_PASSPHRASE):
    """Enrol `user`'s personal certificate with the demo CA, unless they have one."""
    from loket.permits import issuance_certificates
    from loket.permits.models import SigningCertificate

    active = SigningCertificate.objects.filter(officer=user, status=SigningCertificate.ACTIVE)
    return active.first() or issuance_certificates.enrol_local(user, passphrase)


def sign_as(application, user, passphrase=SIGNING_PASSPHRASE, capacity=""):
    """Step 7 as the signer does it: see the document's hash, confirm, type the secret."""
    from loket.lib.signing import pdf_sha256
    from loket.lib.signing_backends import PASSPHRASE, Secret
    from loket.permits.issuance_signing import document_to_sign

    pdf, _box, _code = document_to_sign(application, user, capacity)
    return actions.complete_step(
        application,
        user,
        application.current_step,
        document_sha256=pdf_sha256(pdf),
        secret=Secret(PASSPHRASE, passphrase),
        capacity=capacity,
        confirmed=True,
    )


def advance(application, officers, upto):
    """Complete steps until the file stands at step `upto` (or is closed)."""
    while application.is_open and application.current_step < upto:
        step = application.step
        if step.kind == "sign":
            ensure_signing_certificate(officers[step.role])
            application = sign_as(application, officers[step.role])
            continue
        checked = [r.code for r in application.spec.requirements_for(application.kind)]
        application = actions.complete_step(
            application, officers[step.role], step.no, checked=checked
        )
    return application


def apply_online(client, service, data):
    """Post the online application form, then confirm on the check-your-answers page,
    as a person does; the response of the confirm (or of the form, if it was refused)."""
    import html
    import re

    from django.urls import reverse

    url = reverse("permits:apply", args=[service.pk])
    page = client.post(url, data)
    text = page.content.decode()
    if page.status_code != 200 or 'name="payload"' not in text:
        return page
    carried = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', text)
    }
    return client.post(url, {**carried, "confirm": "1"})


def page_queries(client, url, params=None):
    """(queries, response) of a GET of ``url`` as a worker serves it once warm: a first
    GET fills what a worker keeps (the office's identity: loket.core.identity), then
    the second is counted. For the tests that a list costs the same at any length."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params or {})
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params or {})
    return len(ctx.captured_queries), response
