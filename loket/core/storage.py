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
import secrets
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages

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
