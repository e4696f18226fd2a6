"""An applicant downloads all data held about them, as JSON and as PDF.

Identity; files with their control cards, documents (name, size, hash, a link to
each) and permit; complaints filed signed in or under their phone number; the
survey response of their files; the messages sent to them. The download is on the
audit trail; nobody else can download it.
"""

import json
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from loket.audit.models import AuditEvent
from loket.complaints import actions as complaint_actions
from loket.complaints.models import INTERNET
from loket.surveys.actions import create_invitation, submit_by_token
from loket.surveys.tests.helpers import form_data
from loket.testing import advance, file_for, make_applicant


@pytest.fixture
def owner(sikts, office, officers):
    applicant = make_applicant(office, name="Siti Pemilik Data")
    done = advance(file_for(sikts, applicant), officers, 99)
    submit_by_token(create_invitation(done).token, form_data(3, comment="Cepat dan jelas."))
    file_for(sikts, applicant)
    complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(description="Antrean panjang.", name="Siti"),
        channel=INTERNET,
        user=applicant.user,
    )
    # Filed without signing in, under the applicant's phone number (written differently).
    complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(description="Lampu ruang tunggu mati.", phone="0812 3456 7890"),
        channel=INTERNET,
    )
    other = make_applicant(office, name="Orang Lain")
    other.phone = "+6281399990000"
    other.save(update_fields=["phone"])
    complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(description="Bukan milik Siti.", phone="081399990000"),
        channel=INTERNET,
        user=other.user,
    )
    return applicant


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_it_exports_everything_as_json(owner):
    """Identity, both files with card and documents, the survey, complaints, messages."""
    response = _client(owner.user).get(reverse("accounts:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["identity"]["nik"] == owner.nik
    assert data["identity"]["phone"] == "+6281234567890"
    assert data["identity"]["consent_notice"]
    files = data["applications"]
    assert len(files) == 2
    done = next(f for f in files if f["permit"])
    assert done["permit"]["number"] and done["permit"]["verify_url"].startswith("http")
    steps = {e["step"] for e in done["control_card"]}
    assert steps >= set(range(2, 10))
    assert all(e["officer"] for e in done["control_card"] if e["event"])
    document = done["documents"][0]
    assert len(document["sha256"]) == 64 and document["size"] > 0 and document["name"]
    assert "/dokumen/" in document["url"]
    assert done["survey_response"]["scores"]["U1"] == 3
    assert done["survey_response"]["comment"] == "Cepat dan jelas."
    descriptions = sorted(c["description"] for c in data["complaints"])
    assert descriptions == ["Antrean panjang.", "Lampu ruang tunggu mati."]
    assert data["messages"], "the receipt SMS/email and the permit-ready messages"
    assert {m["recipient"] for m in data["messages"]} >= {"+6281234567890"}
    assert data["retention_years"] == owner.office.retention_years


def test_it_links_each_document_for_the_owner(owner):
    """Each document link in the export opens for the applicant."""
    client = _client(owner.user)
    data = client.get(reverse("accounts:my_data_json")).json()
    url = data["applications"][0]["documents"][0]["url"]
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200


def test_it_exports_the_same_as_pdf(owner):
    """The PDF carries the identity, the files, the complaints and the messages."""
    response = _client(owner.user).get(reverse("accounts:my_data_pdf"))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert owner.nik in text
    assert "Siti Pemilik Data" in text
    assert "Lampu ruang tunggu mati." in text
    assert "Bukan milik Siti." not in text
    for application in owner.applications.all():
        assert application.reg_number in text


def test_it_records_each_download_without_personal_data(owner):
    """One audit event per download: format and counts, no identity."""
    client = _client(owner.user)
    client.get(reverse("accounts:my_data_json"))
    client.get(reverse("accounts:my_data_pdf"))
    events = list(AuditEvent.objects.filter(action="accounts.export_personal_data"))
    assert sorted(e.summary["format"] for e in events) == ["json", "pdf"]
    assert all(e.summary["applications"] == 2 and e.summary["complaints"] == 2 for e in events)
    assert owner.nik not in json.dumps([e.summary for e in events])


def test_it_gives_others_nothing(owner, officers, office):
    """Officers get 404, the public is sent to sign in, another applicant gets their own."""
    for user in officers.values():
        assert _client(user).get(reverse("accounts:my_data_json")).status_code == 404
    anonymous = Client().get(reverse("accounts:my_data_pdf"))
    assert anonymous.status_code == 302 and "/masuk/" in anonymous["Location"]
    someone = make_applicant(office, name="Pemohon Lain")
    mine = _client(someone.user).get(reverse("accounts:my_data_json")).json()
    assert mine["identity"]["nik"] == someone.nik and mine["applications"] == []
    assert owner.nik not in json.dumps(mine)
    assert not AuditEvent.objects.filter(
        action="accounts.export_personal_data", actor__in=list(officers.values())
    ).exists()


def test_it_shows_the_download_page_to_applicants(owner):
    """The page names the downloads and the rights, with the office's retention."""
    page = _client(owner.user).get(reverse("accounts:my_data")).content.decode()
    assert reverse("accounts:my_data_json") in page and reverse("accounts:my_data_pdf") in page
    assert f"{owner.office.retention_years} tahun" in page


def test_it_answers_the_api_with_the_same_data(owner, officers):
    """GET /api/v1/accounts/me/data: the export for the applicant, 404 for officers."""
    data = _client(owner.user).get("/api/v1/accounts/me/data").json()
    assert data["identity"]["nik"] == owner.nik and len(data["applications"]) == 2
    assert _client(officers["front_office"]).get("/api/v1/accounts/me/data").status_code == 404
