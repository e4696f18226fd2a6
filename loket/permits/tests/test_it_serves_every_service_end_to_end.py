"""Three services from three standards, one engine, no code between them.

For SIKTS, SIPB and the advertising permit, loaded side by side: the applicant files
on the web form the standard generates, the Front Office files a walk-in at the
counter, a system files through the API; each file's page shows the service's own
questions; the permit PDF prints the service's answers in its own layout; the public
verification page shows what the standard shows there; supervision counts the files.
"""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.permits.models import Application
from loket.permits.tests.test_it_files_at_the_counter import IDENTITY
from loket.standards.actions import load_standard
from loket.standards.samples import sample_answers
from loket.testing import (
    PASSWORD,
    advance,
    apply_online,
    make_applicant,
    make_officers,
    uploads_for,
)

STANDARDS = Path(settings.BASE_DIR) / "standards"


@pytest.fixture
def catalogue(db):
    return {
        path.stem: load_standard(path.read_text(encoding="utf-8"))[0]
        for path in sorted(STANDARDS.glob("*.yaml"))
    }


def _documents(spec, kind, prefix=""):
    return {
        f"{prefix}doc_{up.requirement}": SimpleUploadedFile(up.name, up.data)
        for up in uploads_for(spec, kind)
    }


def _answers(spec, kind, prefix=""):
    return {f"{prefix}{k}": v for k, v in sample_answers(spec, kind).items()}


def _pdf_text(data, tmp_path):
    path = tmp_path / "izin.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


@pytest.mark.parametrize("code", ["sikts", "sipb", "reklame"])
def test_it_runs_the_service_on_every_channel(catalogue, code, tmp_path):
    version = catalogue[code]
    spec = version.spec
    service = version.service
    office = service.office
    officers = make_officers(office)
    kind = spec.kinds[-1].code  # the last kind: often the one with extra questions

    # Online, through the web form generated from the standard.
    applicant = make_applicant(office)
    web = Client()
    assert web.login(username=applicant.user.username, password=PASSWORD)
    page = web.get(reverse("permits:apply", args=[service.pk])).content.decode()
    for field in spec.form:
        assert f'name="{field.key}"' in page, field.key
    for req in spec.requirements:
        if req.applies_to != ("*",) and set(req.applies_to) < {k.code for k in spec.kinds}:
            names = ", ".join(spec.kind_name(k) for k in req.applies_to)
            assert f"Untuk permohonan: {names}." in page, req.code
    response = apply_online(
        web, service, {"kind": kind, **_answers(spec, kind), **_documents(spec, kind)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    online = Application.objects.get(applicant=applicant)
    assert online.kind == kind
    assert online.all_answers() == {k: v for k, v in _stored(spec, kind).items()}

    # At the counter, for a walk-in.
    front = Client()
    front.force_login(officers["front_office"])
    response = front.post(
        reverse("permits:counter") + f"?service={service.pk}",
        {
            **IDENTITY,
            "a-kind": kind,
            **_answers(spec, kind, "a-"),
            **_documents(spec, kind, "a-"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    counter = Application.objects.get(applicant__full_name="Rahmat Hidayat")
    assert counter.channel == Application.COUNTER

    # Through the API, as the applicant's system would.
    api_user = make_applicant(office, name="Dewi Lestari")
    api = Client()
    assert api.login(username=api_user.user.username, password=PASSWORD)
    response = api.post(
        "/api/v1/permits/applications",
        {"service_id": service.pk, "kind": kind, **_answers(spec, kind), **_documents(spec, kind)},
    )
    assert response.status_code == 201, response.content
    body = api.get(f"/api/v1/permits/applications/{response.json()['id']}").json()
    assert [a["key"] for a in body["answers"]] == [f.key for f in spec.fields_for(kind)]

    # The officer's page shows the service's own questions, in each language.
    front.force_login(officers["front_office"])
    for lang in ("id", "en"):
        with translation.override(lang):
            html = front.get(online.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=lang)
        for field in spec.fields_for(kind):
            assert field.labels["id"] in html.content.decode() or field.labels["en"] in (
                html.content.decode()
            )

    # Issued: the PDF prints the answers the standard puts on the document.
    done = advance(online, officers, 99)
    permit = done.permit
    signed = web.get(reverse("issuance:signed_pdf", args=[done.pk]))
    data = b"".join(signed.streaming_content) if signed.streaming else signed.content
    text = " ".join(_pdf_text(data, tmp_path).split())
    assert permit.number in text
    assert spec.data["product"]["name"].upper() in text
    for field in spec.fields_for(kind):
        if "document" in field.show:
            assert field.labels["id"] in text, field.key

    # Public verification: what the standard shows there, personal answers masked.
    html = Client().get(reverse("verify", args=[permit.verify_code])).content.decode()
    for field in spec.fields_for(kind):
        if "verification" in field.show:
            assert field.labels["id"] in html, field.key
    for field in spec.fields_for(kind):
        value = done.all_answers().get(field.key)
        if field.personal and isinstance(value, str) and len(value) > 6:
            assert value not in html, field.key

    # Reports: supervision counts the service's files.
    head = Client()
    head.force_login(officers["kepala_dinas"])
    report = head.get(reverse("reports:supervision"), {"layanan": service.pk})
    assert report.status_code == 200
    assert service.name in report.content.decode()


def _stored(spec, kind):
    """What the answers become once checked (dates ISO, phones +62, yes/no booleans)."""
    from loket.standards.answers import clean_answers

    answers, errors = clean_answers(spec.form, kind, sample_answers(spec, kind))
    assert errors == {}
    return answers
