"""Private file storage: outside the web root, under names the server makes."""

import hashlib
import os
from pathlib import Path

from django.conf import settings

from loket.lib.uploads import safe_stored_name


def private_path(stored_name):
    # Two-level fan-out keeps directories small; the name is ours, never the user's.
    return Path(settings.PRIVATE_MEDIA_ROOT) / stored_name[:2] / stored_name


def store_private(data, kind):
    """Write bytes under a fresh random name; return (stored_name, sha256)."""
    name = safe_stored_name(kind)
    path = private_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return name, hashlib.sha256(data).hexdigest()


def read_private(stored_name):
    return private_path(stored_name).read_bytes()


def remove_private(stored_names):
    """Best-effort clean-up of files whose database rows were never committed."""
    for name in stored_names:
        try:
            private_path(name).unlink()
        except FileNotFoundError:
            pass
