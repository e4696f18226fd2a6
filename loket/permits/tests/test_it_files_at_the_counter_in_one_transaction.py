"""Filing at the counter is one action in one transaction: a refused upload leaves no
walk-in applicant and no audit event behind, on the page as in the API."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.accounts.models import Applicant
from loket.audit.models import AuditEvent
from loket.lib.tests.hostile import files
from loket.permits.models import Application
from loket.permits.tests.test_it_files_at_the_counter import _form


def _with_a_refused_upload(sikts):
    form = _form(sikts)
    first = next(key for key in form if key.startswith("a-doc_"))
    form[first] = SimpleUploadedFile("ktp.pdf", files.active_pdfs()["launch"])
    return form


def test_a_refused_upload_leaves_no_applicant_on_the_page(client, sikts, officers):
    """The page shows the refusal; no applicant, application or audit event is kept."""
    client.force_login(officers["front_office"])
    events = AuditEvent.objects.count()
    response = client.post(reverse("permits:counter"), _with_a_refused_upload(sikts))
    assert response.status_code == 200
    assert "PDF berisi JavaScript, tautan atau perintah yang berjalan sendiri" in (
        response.content.decode()
    )
    assert not Applicant.objects.exists()
    assert not Application.objects.exists()
    assert AuditEvent.objects.count() == events


def test_the_same_filing_succeeds_with_good_files(client, sikts, officers):
    """With the files fixed the same walk-in is registered once and filed."""
    client.force_login(officers["front_office"])
    client.post(reverse("permits:counter"), _with_a_refused_upload(sikts))
    response = client.post(reverse("permits:counter"), _form(sikts))
    assert response.status_code == 302
    assert Applicant.objects.count() == 1 and Application.objects.count() == 1
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert "permits.file_application" in actions
