"""Step 9: collection at the counter (applicant or proxy) or by download; both close the file."""

import pytest
from django.test import Client

from loket.core.errors import Invalid
from loket.permits import actions
from loket.permits.actions import Upload
from loket.testing import MINIMAL_PDF, PASSWORD, advance


def test_it_requires_a_power_of_attorney_for_a_proxy(application, officers):
    """A proxy without an uploaded surat kuasa is refused; with one the file closes."""
    application = advance(application, officers, 9)
    fo = officers["front_office"]
    with pytest.raises(Invalid) as err:
        actions.complete_step(application, fo, 9, received_by="Andi (suami)")
    assert "proxy" in err.value.errors
    proxy = Upload(requirement="surat_kuasa", name="kuasa.pdf", data=MINIMAL_PDF)
    done = actions.complete_step(application, fo, 9, received_by="Andi (suami)", proxy=proxy)
    assert done.status == "collected"
    permit = done.permit
    assert permit.collected_via == "proxy" and permit.collected_by == "Andi (suami)"
    assert permit.proxy_document


def test_it_collects_electronically_when_the_applicant_says_they_received_it(application, officers):
    """Downloading the signed PDF changes nothing; the applicant's "I have received my
    permit" (a POST) closes the file as collected online, once."""
    application = advance(application, officers, 9)
    client = Client()
    client.login(username=application.applicant.user.username, password=PASSWORD)
    page = client.get(f"/permohonan/{application.pk}/").content.decode()
    assert "Saya sudah menerima izin saya" in page
    english = Client()
    english.force_login(application.applicant.user)
    english.post("/i18n/setlang/", {"language": "en"})
    assert "I have received my permit" in english.get(f"/permohonan/{application.pk}/").text
    response = client.get(f"/izin/{application.pk}/izin.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    application.refresh_from_db()
    assert application.status == "ready" and application.permit.collected_at is None
    done = client.post(f"/izin/{application.pk}/izin-diterima/", follow=True)
    assert "Penerimaan izin dicatat; berkas selesai." in done.content.decode()
    assert "I have received my permit" not in english.get(f"/permohonan/{application.pk}/").text
    application.refresh_from_db()
    assert application.status == "collected" and application.closed_at
    assert application.permit.collected_via == "online"
    assert application.card_entries.filter(details__collected_via="online").count() == 1
    assert "Saya sudah menerima izin saya" not in done.content.decode()


def test_it_records_receipt_through_the_api_for_the_applicant_only(application, officers):
    """POST /api/v1/issuance/{id}/received: 403 for an officer of the office, 200 for
    the applicant, and a second call changes nothing."""
    application = advance(application, officers, 9)
    url = f"/api/v1/issuance/{application.pk}/received"
    front = Client()
    front.force_login(officers["front_office"])
    assert front.post(url).status_code == 403
    owner = Client()
    owner.login(username=application.applicant.user.username, password=PASSWORD)
    first = owner.post(url)
    assert first.status_code == 200 and first.json()["collected_via"] == "online"
    again = owner.post(url)
    assert again.status_code == 200 and again.json()["collected_at"] == first.json()["collected_at"]
    application.refresh_from_db()
    assert application.status == "collected"
    assert application.card_entries.filter(details__collected_via="online").count() == 1
