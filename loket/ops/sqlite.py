"""SQLite: an online copy with SQLite's backup API, and its way back.

The backup API copies the database page by page inside one read transaction, so the
copy is a consistent snapshot while the server and workers keep writing (WAL lets
them). Restoring runs the same API the other way, into the live connection: the
target's pages are replaced in one write transaction, and the -wal/-shm files of the
target stay valid, which copying a file over the database would not guarantee.
"""

import sqlite3
from contextlib import closing

from loket.ops.archive import ArchiveError


def tables(db):
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    )
    return [name for (name,) in rows]


def counts(db):
    return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables(db)}


def migrations(db):
    if "django_migrations" not in tables(db):
        return {}
    applied = {}
    for app, name in db.execute("SELECT app, name FROM django_migrations ORDER BY app, name"):
        applied.setdefault(app, []).append(name)
    return applied


def dump(connection, target):
    """Copy the database of ``connection`` to the file ``target``; the copy's state."""
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)
        # One self-contained file, whatever the live database's journal mode.
        copy.execute("PRAGMA journal_mode=DELETE")
        return {
            "vendor": "sqlite",
            "server_version": sqlite3.sqlite_version,
            "migrations": migrations(copy),
            "counts": counts(copy),
        }


def restore(connection, source):
    """Replace the database of ``connection`` with the copy in the file ``source``."""
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy:
        check = copy.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise ArchiveError(f"the database copy is damaged: {check}")
        connection.ensure_connection()
        copy.backup(connection.connection)


def live_counts(connection):
    connection.ensure_connection()
    return counts(connection.connection)
