"""Private files go through the storage STORAGES["private"], never the filesystem
directly: with a storage that has no folder at all (Django's InMemoryStorage, standing in
for an S3 bucket) an application is filed with its uploads, an officer downloads them
(page and API), the draft and the sealed permit are stored and served, a proxy's power
of attorney too, and PRIVATE_MEDIA_ROOT stays empty."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import InMemoryStorage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from loket.core.storage import private_exists, read_private
from loket.testing import MINIMAL_PDF, advance, file_for, uploads_for

API = "/api/v1/permits"


@pytest.fixture(autouse=True)
def memory(settings):
    """Private files in memory; every fixture and test below uses it."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    storage = storages["private"]
    assert isinstance(storage, InMemoryStorage)
    return storage


def _on_disk():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return [p for p in root.rglob("*")] if root.exists() else []


def _body(response):
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_it_files_and_serves_the_uploads_from_the_storage(memory, sikts, applicant, officers):
    """The uploads land in the storage under the fan-out key, byte for byte, and the
    Front Office downloads each from the page and the API."""
    application = file_for(sikts, applicant)
    sent = {up.requirement: up.data for up in uploads_for(sikts.spec)}
    documents = list(application.documents.all())
    assert len(documents) == len(sent) > 0
    front = _client(officers["front_office"])
    for doc in documents:
        key = f"{doc.stored_name[:2]}/{doc.stored_name}"
        assert memory.exists(key) and private_exists(doc.stored_name)
        assert read_private(doc.stored_name) == sent[doc.requirement]
        page = front.get(f"/dokumen/{doc.pk}/")
        assert _body(page) == sent[doc.requirement]
        assert page["Content-Type"] == {"pdf": "application/pdf", "jpeg": "image/jpeg"}[doc.kind]
        assert _body(front.get(f"{API}/documents/{doc.pk}")) == sent[doc.requirement]
    assert _on_disk() == []


def test_it_stores_and_serves_the_draft_the_permit_and_the_proxy_document(
    memory, sikts, applicant, officers
):
    """Draft (page and API), the sealed permit the applicant downloads, and the power of
    attorney left at collection all come from the storage."""
    application = advance(file_for(sikts, applicant), officers, 9)
    draft = application.drafts.first()
    assert draft is not None and private_exists(draft.stored_name)
    back = _client(officers["back_office"])
    served = _body(back.get(f"/permohonan/{application.pk}/draf.pdf"))
    assert served == read_private(draft.stored_name) and served.startswith(b"%PDF")
    assert _body(back.get(f"{API}/applications/{application.pk}/draft")) == served

    owner = _client(application.applicant.user)
    signed = owner.get(f"/izin/{application.pk}/izin.pdf")
    assert signed.status_code == 200 and signed.content.startswith(b"%PDF")
    application.permit.refresh_from_db()
    assert signed.content == read_private(application.permit.stored_name)

    proxied = advance(file_for(sikts, applicant), officers, 9)
    front = _client(officers["front_office"])
    kuasa = SimpleUploadedFile("kuasa.pdf", MINIMAL_PDF, content_type="application/pdf")
    front.post(
        f"/izin/{proxied.pk}/serahkan/",
        {"step_no": 9, "received_by": "Andi (suami)", "proxy": kuasa},
    )
    proxied.permit.refresh_from_db()
    name = proxied.permit.proxy_document
    assert name and private_exists(name)
    response = front.get(f"/izin/{proxied.pk}/surat-kuasa/")
    assert _body(response) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{name}"'
    assert _on_disk() == []
