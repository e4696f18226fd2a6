"""Backing up and restoring a whole office: the database and the private files together.

Order matters for a backup taken while the office works. The database is copied
first, then the files: a file is always written (and synced) before the row that
names it commits, and files are never changed afterwards, so every file a copied
row names is already on disk when the folder is read. Files newer than the copy
come along too; they are harmless (nothing names them).

A restore checks the whole archive against its manifest before writing anything,
writes the files first and the database last (an interrupted restore leaves extra
files, never rows without their files), then compares every table's row count
with the manifest.

Only a local folder of private files (the default private storage) goes into the
archive. With any other storage (PRIVATE_STORAGE=s3: a bucket) the archive holds the
database alone and its manifest says where the files are (`private_files`): the
bucket's own versioning and replication back them up. A restore then writes the
database only, and an archive that holds files is not restored onto a bucket.
"""

import tempfile
from pathlib import Path

import django
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import FileSystemStorage, storages
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from loket.ops import archive, postgres, sqlite
from loket.ops.archive import ArchiveError

FORMAT = 1
ENGINES = {"sqlite": sqlite, "postgresql": postgres}
# Rows `migrate` writes by itself: a database holding only these holds no data.
MADE_BY_MIGRATE = {"notify.messagetemplate", "audit.audithead"}


class Refused(Exception):
    """The restore would overwrite data; nothing was written."""


class Unsuitable(Exception):
    """The archive's files cannot go where this deployment keeps them; nothing was written."""


def private_files():
    """Where the private files are: ``(folder, None)`` for a local folder, which a backup
    copies and a restore fills; ``(None, where)`` for any other storage (a bucket), which
    neither touches, described for the manifest and the operator."""
    storage = storages["private"]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location), None
    where = {"storage": f"{type(storage).__module__}.{type(storage).__qualname__}"}
    for key, attribute in [
        ("bucket", "bucket_name"),
        ("prefix", "location"),
        ("endpoint_url", "endpoint_url"),
        ("region", "region_name"),
    ]:
        if value := getattr(storage, attribute, None):
            where[key] = value
    return None, where


def describe(where):
    """``where`` of `private_files` (or a manifest's `private_files`) in words."""
    if not where.get("bucket"):
        return f"the storage {where.get('storage')}"
    text = f"the bucket {where['bucket']!r}"
    if where.get("prefix"):
        text += f" under {where['prefix']}/"
    if where.get("endpoint_url"):
        text += f" at {where['endpoint_url']}"
    return text


def in_archive(manifest):
    """Whether the archive carries the private files (archives from before
    `private_files` was recorded always do)."""
    return manifest.get("private_files", {}).get("in_archive", True)


def media_count(manifest):
    return sum(1 for name in manifest["files"] if name.startswith(archive.MEDIA + "/"))


def _engine(connection):
    engine = ENGINES.get(connection.vendor)
    if engine is None:
        raise ArchiveError(f"backups of {connection.vendor} databases are not supported")
    return engine


def make_backup(output, media_root, using="default", elsewhere=None):
    """Write the archive ``output``; returns its manifest. ``media_root`` is the folder
    of private files to copy, or None when they are ``elsewhere`` (`private_files`)."""
    connection = connections[using]
    engine = _engine(connection)
    output = Path(output)
    if media_root is None:
        private = {"in_archive": False, **elsewhere}
    else:
        media_root, private = Path(media_root), {"in_archive": True, "storage": "folder"}
    database = archive.DUMPS[connection.vendor]
    output.parent.mkdir(parents=True, exist_ok=True)
    # Next to the output: the dump may be large, and /tmp small.
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".loket-backup-") as tmp:
        dump = Path(tmp) / database
        state = engine.dump(connection, dump)
        taken_at = timezone.now()
        writer = archive.Writer(output)
        try:
            writer.add(database, dump)
            vanished = []
            folder = media_root is not None and media_root.is_dir()
            for path in sorted(media_root.rglob("*")) if folder else []:
                # A ".part" file is a write in progress; its row cannot be committed yet.
                if not path.is_file() or path.name.endswith(".part"):
                    continue
                relative = path.relative_to(media_root).as_posix()
                if not writer.add(archive.media_name(relative), path):
                    vanished.append(relative)
            return writer.finish(
                {
                    "format": FORMAT,
                    "created_at": taken_at.isoformat(),
                    "django": django.get_version(),
                    "database": database,
                    "media_vanished": vanished,
                    "private_files": private,
                    **state,
                }
            )
        except BaseException:
            writer.abort()
            raise


def _has_rows(connection, table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
        return cursor.fetchone() is not None


def data_in(connection):
    """The first model whose table holds rows, or None: users and Loket's own records."""
    existing = set(connection.introspection.table_names())
    user = get_user_model()
    for model in apps.get_models():
        label = model._meta.label_lower
        ours = model.__module__.startswith("loket.") or model is user
        if not ours or label in MADE_BY_MIGRATE or model._meta.db_table not in existing:
            continue
        if _has_rows(connection, model._meta.db_table):
            return label
    return None


def files_in(media_root):
    media_root = Path(media_root)
    return media_root.is_dir() and any(p.is_file() for p in media_root.rglob("*"))


def restore_backup(path, media_root, force=False, using="default", elsewhere=None):
    """Restore the archive at ``path``; returns its manifest. Refuses to overwrite data
    (database rows or private files) unless ``force``. ``media_root`` is the folder the
    private files go to, or None when this deployment keeps them ``elsewhere`` (a
    bucket): then only an archive without files is restored (its database)."""
    connection = connections[using]
    engine = _engine(connection)
    path = Path(path)
    if not path.is_file():
        raise ArchiveError(f"no archive at {path}")
    manifest = archive.verify(path)
    if manifest.get("format") != FORMAT:
        raise ArchiveError(f"unknown backup format {manifest.get('format')!r}")
    if manifest.get("vendor") != connection.vendor:
        raise ArchiveError(
            f"this is a {manifest.get('vendor')} backup; the database here is {connection.vendor}"
        )
    if media_root is None and media_count(manifest):
        raise Unsuitable(
            f"the archive holds {media_count(manifest)} private files, and the private "
            f"files here are in {describe(elsewhere)}, which a restore does not write to. "
            "Restore it with PRIVATE_STORAGE=local, then copy PRIVATE_MEDIA_ROOT into the "
            "bucket under the same keys (docs/deploy.md)"
        )
    if not force:
        found = data_in(connection)
        if found:
            raise Refused(f"the database is not empty (it holds {found} rows)")
        if media_root is not None and in_archive(manifest) and files_in(media_root):
            raise Refused(f"the private files folder {media_root} is not empty")
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".loket-restore-") as tmp:
        dump = Path(tmp) / manifest["database"]
        # Without a folder here the archive has no files (checked above) to put in one.
        archive.extract(path, manifest, dump, media_root or Path(tmp) / "no-files")
        engine.restore(connection, dump)
    counts = engine.live_counts(connection)
    wrong = {
        table: (counts.get(table), expected)
        for table, expected in manifest["counts"].items()
        if counts.get(table) != expected
    }
    if wrong:
        raise ArchiveError(f"restored row counts differ from the manifest: {wrong}")
    return manifest


def migration_drift(manifest):
    """(migrations in the backup this code does not have, code migrations not applied)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    on_disk = set(loader.disk_migrations)
    applied = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    ours = {app for app, _name in on_disk}
    unknown = sorted(key for key in applied if key[0] in ours and key not in on_disk)
    missing = sorted(key for key in on_disk if key not in applied)
    return unknown, missing
