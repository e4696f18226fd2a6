"""The retention job deletes an anonymised applicant's uploads through the private
storage, whatever it is: with Django's InMemoryStorage (no folder, like an S3 bucket)
their files are gone from it, another applicant's stay, and nothing touched the disk."""

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.utils import timezone

from loket.accounts.retention import apply_office_retention
from loket.core.storage import private_exists
from loket.permits.models import Document, Permit
from loket.testing import advance, file_for, make_applicant


@pytest.fixture(autouse=True)
def _in_memory(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def test_it_deletes_the_uploads_from_the_storage(
    sikts, office, officers, django_capture_on_commit_callbacks
):
    old = make_applicant(office, name="Siti Lama")
    closed = advance(file_for(sikts, old), officers, 99)
    Permit.objects.filter(application=closed).update(valid_until=timezone.localdate())
    kept = file_for(sikts, make_applicant(office, name="Budi Baru"))
    purged = [d.stored_name for d in closed.documents.all()]
    staying = [d.stored_name for d in kept.documents.all()]
    assert purged and staying and all(map(private_exists, purged + staying))

    with django_capture_on_commit_callbacks(execute=True):
        counts = apply_office_retention(office, now=timezone.now() + dt.timedelta(days=6 * 366))

    assert counts.applicants == 1 and sorted(counts.files) == sorted(purged)
    assert not any(map(private_exists, purged))
    assert all(map(private_exists, staying))
    assert not Document.objects.filter(application=closed, purged_at=None).exists()
    assert not storages["private"].exists(f"{purged[0][:2]}/{purged[0]}")
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not root.exists() or not any(root.iterdir())
