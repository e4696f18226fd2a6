"""The backup archive: one tar.gz with the database dump, the private files and a manifest.

The manifest is written last, once every other member's SHA-256 is known, so files
are hashed while they are streamed into the archive and never staged twice. Reading
is two passes over the compressed stream: `verify` hashes every member against the
manifest before anything is written; `extract` writes them, hashing again.

The hashes find a damaged or incomplete archive. They do not prove who made it:
keep backups where only operators can write.
"""

import functools
import gzip
import hashlib
import io
import json
import os
import re
import tarfile
import time
import zlib
from pathlib import Path, PurePosixPath

MANIFEST = "manifest.json"
MEDIA = "media"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
# Stored names are made by the server (loket.lib.uploads.safe_stored_name).
SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class ArchiveError(Exception):
    """The archive is damaged, incomplete or not a Loket backup."""


class _Hashing(io.RawIOBase):
    """A read-only file that hashes what is read through it."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def readable(self):
        return True

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def media_name(relative):
    return f"{MEDIA}/{relative}"


def _check_name(name, database):
    """The member's name if it is one a backup writes; refuses anything else."""
    if name in (MANIFEST, database):
        return name
    path = PurePosixPath(name)
    parts = path.parts
    if (
        path.is_absolute()
        or len(parts) < 2
        or parts[0] != MEDIA
        or not all(SAFE_PART.match(p) and p not in (".", "..") for p in parts[1:])
    ):
        raise ArchiveError(f"unexpected member in the archive: {name!r}")
    return name


class Writer:
    """Writes ``path`` atomically: a ``.part`` file (mode 0600) renamed when complete."""

    def __init__(self, path):
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".part")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.file = os.fdopen(fd, "wb")
        self.tar = tarfile.open(fileobj=self.file, mode="w:gz", compresslevel=6)
        self.files = {}

    def add(self, name, source):
        """Add the file at ``source`` as ``name``; False if it vanished meanwhile."""
        try:
            handle = open(source, "rb")  # noqa: SIM115 - closed below
        except FileNotFoundError:
            return False
        with handle:
            stat = os.fstat(handle.fileno())
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), 0o600
            reader = _Hashing(handle)
            self.tar.addfile(info, reader)
        self.files[name] = {"sha256": reader.sha256.hexdigest(), "size": stat.st_size}
        return True

    def finish(self, manifest):
        manifest = dict(manifest, files=self.files)
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size, info.mode, info.mtime = len(data), 0o600, int(time.time())
        self.tar.addfile(info, io.BytesIO(data))
        self.tar.close()
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.partial, self.path)
        return manifest

    def abort(self):
        try:
            self.tar.close()
        finally:
            self.file.close()
            self.partial.unlink(missing_ok=True)


# What a truncated or corrupted tar.gz raises while it is read.
UNREADABLE = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


def _readable(function):
    @functools.wraps(function)
    def wrapper(path, *args):
        try:
            return function(path, *args)
        except UNREADABLE as exc:
            raise ArchiveError(f"the archive cannot be read (damaged or truncated): {exc}") from exc

    return wrapper


def _members(path):
    """(name, TarInfo, file) of every member, in order, streaming."""
    with tarfile.open(path, "r|gz") as tar:
        for info in tar:
            if not info.isfile():
                raise ArchiveError(f"unexpected member in the archive: {info.name!r}")
            yield info.name, info, tar.extractfile(info)


def _hash(stream):
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


@_readable
def verify(path):
    """The archive's manifest, once every member matches it; ArchiveError otherwise."""
    seen, manifest = {}, None
    for name, _info, stream in _members(path):
        if name == MANIFEST:
            try:
                manifest = json.loads(stream.read())
            except ValueError as exc:
                raise ArchiveError(f"the manifest is not JSON: {exc}") from exc
            continue
        if name in seen:
            raise ArchiveError(f"{name!r} is twice in the archive")
        sha256, size = _hash(stream)
        seen[name] = {"sha256": sha256, "size": size}
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ArchiveError("the archive has no manifest: it is incomplete or not a Loket backup")
    database = manifest.get("database")
    if database not in DUMPS.values():
        raise ArchiveError(f"the manifest names no known database dump: {database!r}")
    for name in seen:
        _check_name(name, database)
    listed = manifest["files"]
    for name in sorted(set(listed) | set(seen)):
        if name not in seen:
            raise ArchiveError(f"{name} is in the manifest but missing from the archive")
        if name not in listed:
            raise ArchiveError(f"{name} is in the archive but not in the manifest")
        if seen[name] != listed[name]:
            raise ArchiveError(
                f"{name} does not match the manifest (SHA-256 {seen[name]['sha256']}, "
                f"expected {listed[name]['sha256']}): the archive is damaged"
            )
    return manifest


def _write(stream, target, expected):
    """Write ``stream`` to ``target`` via a temporary file, checking its hash."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    digest = hashlib.sha256()
    with open(partial, "wb") as out:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != expected["sha256"]:
        partial.unlink()
        raise ArchiveError(f"{target.name} changed while it was restored")
    os.replace(partial, target)


@_readable
def extract(path, manifest, database_to, media_root):
    """Write the database dump to ``database_to`` and the files under ``media_root``."""
    database = manifest["database"]
    media_root = Path(media_root)
    for name, _info, stream in _members(path):
        if name == MANIFEST:
            continue
        expected = manifest["files"][_check_name(name, database)]
        if name == database:
            _write(stream, Path(database_to), expected)
        else:
            _write(stream, media_root.joinpath(*PurePosixPath(name).parts[1:]), expected)
