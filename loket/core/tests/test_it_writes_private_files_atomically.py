"""The default private storage is the folder PRIVATE_MEDIA_ROOT, laid out as before
(``ab/abcdef….pdf``): each file is written to a ``.part`` file, fsynced, then renamed
into place, so its name never shows a partial file, even after a failed write."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from loket.core import storage
from loket.core.storage import (
    PrivateFileSystemStorage,
    open_private,
    private_exists,
    read_private,
    remove_private,
    store_private,
)
from loket.testing import MINIMAL_PDF


def _files():
    return sorted(p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file())


def test_it_writes_to_the_fan_out_path_after_fsync(monkeypatch):
    assert isinstance(storage.private_storage(), PrivateFileSystemStorage)
    steps = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        steps.append(("fsync", [p.name for p in _files()]))
        real_fsync(fd)

    def replace(source, target):
        steps.append(("replace", Path(source).name, Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(storage.os, "fsync", fsync)
    monkeypatch.setattr(storage.os, "replace", replace)
    name, digest = store_private(MINIMAL_PDF, "pdf")
    monkeypatch.undo()

    path = Path(settings.PRIVATE_MEDIA_ROOT) / name[:2] / name
    assert _files() == [path] and path.read_bytes() == MINIMAL_PDF
    # The umask decides, not FILE_UPLOAD_PERMISSIONS (0644, for public media).
    umask = os.umask(0o077)
    os.umask(umask)
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~umask)
    assert [step[0] for step in steps] == ["fsync", "replace"]
    (_, during), (_, partial, target) = steps
    # While it was synced only the .part file existed; then it was renamed into place.
    assert during == [partial] and partial.startswith(name) and partial.endswith(".part")
    assert target == path
    assert len(digest) == 64 and read_private(name) == MINIMAL_PDF
    with open_private(name) as fh:
        assert fh.read() == MINIMAL_PDF
    remove_private([name, name])  # twice: a file already gone is no error
    assert not private_exists(name) and _files() == []


def test_it_keeps_files_unreadable_to_others_under_a_strict_umask():
    old = os.umask(0o077)
    try:
        name, _digest = store_private(MINIMAL_PDF, "pdf")
    finally:
        os.umask(old)
    path = Path(settings.PRIVATE_MEDIA_ROOT) / name[:2] / name
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_it_leaves_nothing_when_a_write_fails(monkeypatch):
    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        store_private(MINIMAL_PDF, "pdf")
    assert _files() == []


def test_it_has_no_url():
    """Private files are served by Loket's views only."""
    with pytest.raises(ValueError, match="no URL"):
        storage.private_storage().url("ab/abcdef.pdf")
