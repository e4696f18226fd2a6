"""PostgreSQL: `pg_dump -Fc` of one consistent snapshot, and `pg_restore` back.

The manifest's counts and migration state are read in a REPEATABLE READ transaction
whose snapshot pg_dump then shares (`--snapshot`), so they describe exactly the
rows in the dump while the office keeps working. The client binaries must be of the
server's major version (or newer): Debian keeps each in /usr/lib/postgresql/<major>/bin,
as bin/pg-throwaway finds them; PG_BINDIR names another folder.
"""

import os
import re
import shutil
import subprocess
from pathlib import Path

from django.db import transaction

from loket.ops.archive import ArchiveError

DEBIAN = Path("/usr/lib/postgresql")
SSL_OPTIONS = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
}


class ToolMissing(Exception):
    """No pg_dump/pg_restore that can work with this server."""


def _major(version_text):
    found = re.search(r"(\d+)(?:\.\d+)?", version_text)
    return int(found.group(1)) if found else 0


def server_major(connection):
    connection.ensure_connection()
    return connection.pg_version // 10000


def bindir(connection, tool="pg_dump"):
    """The folder of the client tools of the server's major version (or the next newer)."""
    major = server_major(connection)
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    installed = sorted(
        (int(d.name), d / "bin")
        for d in (DEBIAN.iterdir() if DEBIAN.is_dir() else [])
        if d.name.isdigit() and (d / "bin" / tool).is_file()
    )
    for found, folder in installed:
        if found >= major:
            return folder
    on_path = shutil.which(tool)
    if on_path:
        version = subprocess.run([on_path, "--version"], capture_output=True, text=True).stdout
        if _major(version) >= major:
            return Path(on_path).parent
    raise ToolMissing(
        f"{tool} for PostgreSQL {major} not found: install Debian's postgresql-client-{major} "
        "or set PG_BINDIR"
    )


def _env(settings_dict):
    env = dict(os.environ)
    for key, name in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if settings_dict.get(key):
            env[name] = str(settings_dict[key])
    for option, name in SSL_OPTIONS.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[name] = str(settings_dict["OPTIONS"][option])
    return env


def _run(args, settings_dict):
    done = subprocess.run(args, env=_env(settings_dict), capture_output=True, text=True)
    if done.returncode != 0:
        raise ArchiveError(f"{Path(args[0]).name} failed: {done.stderr.strip()[-2000:]}")
    return done


def tables(cursor):
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    return [name for (name,) in cursor.fetchall()]


def counts(connection):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        result = {}
        for table in tables(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            result[table] = cursor.fetchone()[0]
        return result


def _migrations(cursor):
    if "django_migrations" not in tables(cursor):
        return {}
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def dump(connection, target):
    """`pg_dump -Fc` of the database of ``connection`` into ``target``; its state."""
    tools = bindir(connection, "pg_dump")
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), version()")
            snapshot, version = cursor.fetchone()
            state = {
                "vendor": "postgresql",
                "server_version": version,
                "migrations": _migrations(cursor),
            }
        state["counts"] = counts(connection)
        # The snapshot lives as long as this transaction: pg_dump runs inside it.
        done = _run(
            [str(tools / "pg_dump"), "-Fc", f"--snapshot={snapshot}", "-f", str(target)],
            connection.settings_dict,
        )
    version = subprocess.run(
        [str(tools / "pg_dump"), "--version"], capture_output=True, text=True
    ).stdout.strip()
    state["dump_tool"] = version or done.args[0]
    return state


def restore(connection, source):
    """`pg_restore` the dump ``source`` into the database of ``connection``, all or nothing."""
    tools = bindir(connection, "pg_restore")
    settings_dict = connection.settings_dict
    # Our own session must not hold locks on the tables being replaced.
    connection.close()
    _run(
        [
            str(tools / "pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={settings_dict['NAME']}",
            str(source),
        ],
        settings_dict,
    )


def live_counts(connection):
    return counts(connection)
