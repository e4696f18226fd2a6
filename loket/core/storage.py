"""Private file storage: outside the web root, under names the server makes.

Every read, write, existence check and delete goes through the Django storage
``STORAGES["private"]`` (loket/settings.py): by default `PrivateFileSystemStorage`
below, the folder PRIVATE_MEDIA_ROOT; with PRIVATE_STORAGE=s3 an S3-compatible bucket
(django-storages). The database keeps the stored name (``abcdef….pdf``); the storage
keeps it under a two-level fan-out key, ``ab/abcdef….pdf``, the same in the folder and
in a bucket, so a folder copied into a bucket (or back) needs no renaming.
"""

import hashlib
import os
import re
import secrets
from datetime import timedelta
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages
from django.utils import timezone

from loket.lib.uploads import safe_stored_name


class PrivateFileSystemStorage(FileSystemStorage):
    """The local folder (PRIVATE_MEDIA_ROOT unless ``location`` is given).

    Each file is written to a ``.part`` file beside its place, fsynced, then renamed
    into place: a crash never leaves a partial file under a stored name, and a backup
    skips the ``.part`` files. Private files have no URL.
    """

    # Read on every use, not once: tests point PRIVATE_MEDIA_ROOT at a folder of their own.
    @property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    # Only this storage's own option, not FILE_UPLOAD_PERMISSIONS (0644, meant for public
    # media): unset, the process's umask decides, as it always did for these files.
    @property
    def file_permissions_mode(self):
        return self._file_permissions_mode

    def url(self, name):
        raise ValueError("Private files have no URL: Loket's own views serve them.")

    def _save(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{secrets.token_hex(4)}.part")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as fh:
                for chunk in content.chunks():
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            if self.file_permissions_mode is not None:
                os.chmod(partial, self.file_permissions_mode)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        return name


def private_storage():
    """The storage of private files (looked up on each use, so settings can change)."""
    return storages["private"]


def _key(stored_name):
    # Two-level fan-out keeps directories small; the name is ours, never the user's.
    return f"{stored_name[:2]}/{stored_name}"


def store_private(data, kind):
    """Write bytes under a fresh random name; return (stored_name, sha256)."""
    name = safe_stored_name(kind)
    saved = private_storage().save(_key(name), ContentFile(data))
    # A storage that finds the name taken saves under another one (never expected: the
    # names are random); the name kept is the one it saved under.
    stored = PurePosixPath(saved).name
    if _key(stored) != saved:
        raise ValueError(f"the private storage saved {name!r} as {saved!r}")
    return stored, hashlib.sha256(data).hexdigest()


def open_private(stored_name):
    """The stored file, open for reading (a Django File; FileResponse closes it)."""
    return private_storage().open(_key(stored_name), "rb")


def read_private(stored_name):
    with open_private(stored_name) as fh:
        return fh.read()


def private_exists(stored_name):
    return private_storage().exists(_key(stored_name))


def remove_private(stored_names):
    """Delete stored files: clean-up of files whose database rows were never committed,
    and the retention purge. A file already gone is no error."""
    storage = private_storage()
    for name in stored_names:
        storage.delete(_key(name))


# --- orphans -----------------------------------------------------------------------
#
# A file is written before its row commits (so the row never names a missing file); a
# process killed in between, or a rollback whose clean-up did not run, leaves a file no
# row names. Each app that keeps stored names registers the fields that hold them, and a
# periodic sweep deletes the files none of them names once they are old enough that no
# transaction can still be about to commit them.

_REFERENCES = []
# Our own names: 32 hex digits and a kind, or a partial write of one (PrivateFileSystem-
# Storage's ".<8 hex>.part"); anything else in the folder or bucket is left alone.
_OURS = re.compile(r"^[0-9a-f]{32}\.[a-z]{2,5}(\.[0-9a-f]{8}\.part)?$")
ORPHAN_AGE = timedelta(days=1)


def private_files_named_by(model, field="stored_name"):
    """Register `model.field` as holding stored names of private files (AppConfig.ready)."""
    if (model, field) not in _REFERENCES:
        _REFERENCES.append((model, field))


def registered_references():
    """The (model, field) pairs registered as naming private files."""
    return list(_REFERENCES)


def referenced_names():
    """Every stored name some registered row holds."""
    names = set()
    for model, field in _REFERENCES:
        rows = model.objects.exclude(**{field: ""}).values_list(field, flat=True)
        names.update(rows.iterator(chunk_size=5000))
    return names


def _stored_keys(storage):
    try:
        dirs, files = storage.listdir("")
    except FileNotFoundError:  # nothing stored yet: the folder is made on first write
        return
    for name in files:
        yield name
    for folder in dirs:
        for name in storage.listdir(folder)[1]:
            yield f"{folder}/{name}"


def sweep_orphans(now=None, min_age=ORPHAN_AGE):
    """Delete private files that no registered row names and that are older than
    `min_age`; returns the stored names deleted."""
    if not _REFERENCES:
        # Without the registry every file would look orphaned: refuse rather than wipe.
        raise RuntimeError("no model registered with private_files_named_by")
    now = now or timezone.now()
    storage = private_storage()
    # Listed first, then the rows read: a file whose row commits in between is named.
    candidates = [key for key in _stored_keys(storage) if _OURS.match(PurePosixPath(key).name)]
    kept = referenced_names()
    removed = []
    for key in candidates:
        name = PurePosixPath(key).name
        if name in kept:
            continue
        if now - storage.get_modified_time(key) < min_age:
            continue
        storage.delete(key)
        removed.append(name)
    return removed
