"""For tests that start other processes (workers, racing officers) on one database.

On PostgreSQL the processes use pytest-django's test database itself, so the test
must be ``@pytest.mark.django_db(transaction=True)``: its reads then see what the
processes commit, and the database is emptied afterwards. SQLite's test database is
in memory, out of reach of another process, so they share a file of their own,
which the first process must migrate.
"""

import os
import sqlite3
from contextlib import closing
from urllib.parse import urlsplit, urlunsplit

from django.db import connection


def shared_db_env(tmp_path):
    """Environment variables that point a child process at the shared database."""
    if connection.vendor == "postgresql":
        url = urlsplit(os.environ["DATABASE_URL"])
        name = connection.settings_dict["NAME"]
        return {"DATABASE_URL": urlunsplit(url._replace(path=f"/{name}"))}
    return {"SQLITE_PATH": str(tmp_path / "shared.sqlite3")}


def shared_db_rows(env, sql):
    """The rows of ``sql`` (no parameters) as the child processes see them."""
    if "SQLITE_PATH" in env:
        with closing(sqlite3.connect(env["SQLITE_PATH"])) as db:
            return db.execute(sql).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()
