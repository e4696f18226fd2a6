"""A daily job deletes private files that no row names and that are more than a day
old: what a process killed between writing a file and committing its row leaves."""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from loket.core import jobs
from loket.core.storage import store_private
from loket.permits.models import Document
from loket.permits.tasks import sweep_private_files
from loket.testing import MINIMAL_PDF, file_for


def _path(name):
    return Path(settings.PRIVATE_MEDIA_ROOT) / name[:2] / name


def _age(path, days):
    then = time.time() - days * 86400
    os.utime(path, (then, then))


def _killed_while_filing(sikts, applicant, monkeypatch):
    """Filing stops after the files are written and before the row commits, with no
    clean-up, as a SIGKILL would: the files it wrote are named by no row."""
    from loket.permits import actions, engine

    def killed(*args, **kwargs):
        raise RuntimeError("killed")

    monkeypatch.setattr(engine, "open_task", killed)
    monkeypatch.setattr(actions, "remove_private", lambda names: None)
    before = {p.name for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError):
        file_for(sikts, applicant)
    monkeypatch.undo()
    after = {p.name for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}
    return after - before


def test_it_deletes_old_orphans_and_keeps_everything_else(sikts, applicant, monkeypatch):
    """Old orphans (and an old partial write) go; files rows name, orphans younger than a
    day and files that are not ours stay, whatever their age."""
    application = file_for(sikts, applicant)
    kept = [_path(d.stored_name) for d in Document.objects.filter(application=application)]
    orphans = [_path(name) for name in _killed_while_filing(sikts, applicant, monkeypatch)]
    assert orphans and not Document.objects.exclude(application=application).exists()
    fresh, _digest = store_private(MINIMAL_PDF, "pdf")
    partial = _path(fresh).with_name(f"{'a' * 32}.pdf.0123abcd.part")
    partial.write_bytes(b"half")
    foreign = Path(settings.PRIVATE_MEDIA_ROOT) / "BACA-SAYA.txt"
    foreign.write_text("catatan admin")
    for path in (*kept, *orphans, partial, foreign):
        _age(path, 2)

    removed = sweep_private_files.enqueue().return_value

    assert removed == len(orphans) + 1
    assert not [p for p in (*orphans, partial) if p.exists()]
    assert all(p.exists() for p in kept)
    assert _path(fresh).exists() and foreign.exists()
    assert sweep_private_files.enqueue().return_value == 0


def test_it_is_a_registered_daily_job():
    """`schedule_jobs` starts it with the others, and it reschedules itself."""
    assert "sweep_private_files" in [job.name for job in jobs.jobs()]


def test_every_field_that_holds_a_stored_name_is_registered():
    """A model whose `stored_name` points at a private file (the signed permit of a
    signature act, an attachment, a letter) is registered, or the sweep would delete
    its file as an orphan a day after it was written."""
    from django.apps import apps

    from loket.core.storage import registered_references

    holders = {
        (model, "stored_name")
        for model in apps.get_models()
        if any(f.name == "stored_name" for f in model._meta.fields)
    }
    assert holders and holders <= set(registered_references())
