"""The one-month letter is written to and served from the private storage, whatever it
is: with Django's InMemoryStorage (no folder, like an S3 bucket) the Back Office
downloads the letter's PDF and nothing is written under PRIVATE_MEDIA_ROOT."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from loket.core.storage import private_exists, read_private
from loket.permits.issuance import send_uncollected_letters
from loket.permits.models import Application
from loket.testing import advance


@pytest.fixture(autouse=True)
def _in_memory(settings):
    """Before any fixture files an application: every private file goes to memory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_it_serves_the_letter_from_a_storage_without_a_folder(application, officers):
    ready = advance(application, officers, 9)
    finished = timezone.now() - dt.timedelta(days=70)
    Application.objects.filter(pk=ready.pk).update(completed_at=finished)
    (letter,) = send_uncollected_letters()
    assert private_exists(letter.stored_name)
    client = Client()
    client.force_login(officers["back_office"])
    response = client.get(f"/pesan/surat/{letter.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and body == read_private(letter.stored_name)
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not root.exists() or not any(root.iterdir())
