"""A refused upload gets a clear message and leaves nothing behind."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.core.errors import Invalid
from loket.permits import actions
from loket.permits.actions import Upload
from loket.permits.models import Application, Document
from loket.standards.samples import sample_answers
from loket.testing import MINIMAL_PDF, PASSWORD, file_for, uploads_for


def _stored_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _file(sikts, applicant, uploads, max_total_bytes=10**8):
    filing = actions.Filing(
        kind="baru", answers=sample_answers(sikts.spec, "baru"), uploads=uploads
    )
    return actions.file_application(
        version=sikts,
        applicant=applicant,
        filing=filing,
        user=applicant.user,
        channel=Application.ONLINE,
        max_total_bytes=max_total_bytes,
    )


def test_it_refuses_a_file_that_lies_about_its_type(sikts, applicant):
    """An HTML page named .pdf is refused; no file, no row, no application remains."""
    uploads = uploads_for(sikts.spec)
    uploads[0] = Upload(uploads[0].requirement, "ijazah.pdf", b"<html><script>x</script></html>")
    with pytest.raises(Invalid) as info:
        _file(sikts, applicant, uploads, 10**8)
    assert uploads[0].requirement in info.value.errors
    assert not Application.objects.exists() and not Document.objects.exists()
    assert _stored_files() == []


def test_it_reports_a_missing_mandatory_document(sikts, applicant):
    """Leaving out a mandatory document names that document."""
    uploads = uploads_for(sikts.spec)[1:]
    with pytest.raises(Invalid) as info:
        _file(sikts, applicant, uploads, 10**8)
    assert list(info.value.errors) == [uploads_for(sikts.spec)[0].requirement]


def test_it_shows_the_refusal_on_the_form(client, sikts, applicant):
    """The web form shows the message next to the refused document and stores nothing."""
    client.login(username=applicant.user.username, password=PASSWORD)
    form = {"kind": "baru", "workplace_name": "P", "workplace_address": "A", "str_number": "S"}
    for up in uploads_for(sikts.spec):
        form[f"doc_{up.requirement}"] = SimpleUploadedFile(up.name, up.data)
    form["doc_ktp"] = SimpleUploadedFile("ktp.pdf", b"")
    response = client.post(reverse("permits:apply", args=[sikts.service.pk]), form)
    assert response.status_code == 200
    assert "kosong" in response.content.decode().lower()
    assert not Application.objects.exists() and _stored_files() == []


def test_it_stores_documents_under_server_names_outside_the_web_root(application):
    """Stored names are the server's own, never the uploaded name, under PRIVATE_MEDIA_ROOT."""
    for doc in application.documents.all():
        assert doc.original_name not in doc.stored_name
        assert (Path(settings.PRIVATE_MEDIA_ROOT) / doc.stored_name[:2] / doc.stored_name).exists()
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.STATIC_ROOT))


def test_it_refuses_an_application_over_the_total_size(sikts, applicant):
    """The per-application size limit is enforced across all documents."""
    with pytest.raises(Invalid) as info:
        _file(sikts, applicant, uploads_for(sikts.spec), len(MINIMAL_PDF))
    assert "__all__" in info.value.errors


def test_it_keeps_working_after_a_refusal(sikts, applicant):
    """After a refused filing, a good one goes through normally."""
    assert file_for(sikts, applicant).current_step == 2
