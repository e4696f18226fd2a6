"""Private documents and every page for a signed-in user say Cache-Control: no-store;
the complaint desk sees complaints, never permit files, their documents or PDFs."""

from django.test import Client
from django.urls import reverse

from loket.core.roles import FRONT_OFFICE, PENGELOLA_PENGADUAN


def test_a_private_document_is_never_stored_by_a_cache(client, application):
    """The applicant's own uploaded document: served with no-store."""
    client.force_login(application.applicant.user)
    doc = application.documents.first()
    served = client.get(reverse("permits:document", args=[doc.pk]))
    assert served.status_code == 200
    assert "no-store" in served["Cache-Control"] and "private" in served["Cache-Control"]
    receipt = client.get(reverse("permits:receipt_pdf", args=[application.pk]))
    assert "no-store" in receipt["Cache-Control"]


def test_public_pages_stay_cacheable(db):
    """The public catalogue is not marked no-store."""
    page = Client().get("/layanan/")
    assert "no-store" not in page.get("Cache-Control", "")


def test_the_complaint_desk_does_not_open_permit_files(application, officers):
    """pengelola_pengaduan: the file, its receipt, card, document and the API answer 404;
    the front office opens them."""
    doc = application.documents.first()
    urls = [
        reverse("permits:detail", args=[application.pk]),
        reverse("permits:receipt_pdf", args=[application.pk]),
        reverse("permits:card_pdf", args=[application.pk]),
        reverse("permits:document", args=[doc.pk]),
        f"/api/v1/permits/applications/{application.pk}",
    ]
    clerk, front = Client(), Client()
    clerk.force_login(officers[PENGELOLA_PENGADUAN])
    front.force_login(officers[FRONT_OFFICE])
    for url in urls:
        assert clerk.get(url).status_code == 404, url
        assert front.get(url).status_code == 200, url
