"""A complaint's attachments are written to and served from the private storage,
whatever it is: with Django's InMemoryStorage (no folder, like an S3 bucket) the
complaint desk opens the scan it recorded, and PRIVATE_MEDIA_ROOT stays empty."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.complaints.models import SURAT, Complaint
from loket.core.storage import private_exists
from loket.testing import jpeg_bytes


@pytest.fixture(autouse=True)
def _in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_it_stores_and_serves_an_attachment_without_a_folder(client, office, officers):
    scan = jpeg_bytes()
    client.force_login(officers["pengelola_pengaduan"])
    response = client.post(
        "/pengaduan/catat/",
        {
            "channel": SURAT,
            "type": "petugas",
            "description": "Surat pengaduan tentang antrean.",
            "name": "Pak Harun",
            "address": "Jl. Arifin Achmad 5",
            "attachments": [SimpleUploadedFile("surat.jpg", scan)],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    attachment = Complaint.objects.get().attachments.get()
    assert private_exists(attachment.stored_name)
    served = client.get(f"/pengaduan/lampiran/{attachment.pk}/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert b"".join(served.streaming_content) == scan
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not root.exists() or not any(root.iterdir())
