"""Fast row writing for the generator: executemany on SQLite, COPY on PostgreSQL.

Rows are plain tuples in a fixed column order, written straight into the tables.
Every concrete field the generator does not set gets its model default once per
table; a NOT NULL field without a default that the generator forgot is an error at
start-up, so a new model field cannot silently make the generated data invalid.
"""

import contextlib
import itertools
import queue
import threading

from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction


class Table:
    """Rows for one model, written in batches by `flush()`."""

    def __init__(self, model, columns):
        self.model = model
        self.name = model._meta.db_table
        fields = {f.attname: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ImproperlyConfigured(f"{model.__name__} has no field(s) {unknown}")
        rest = [f for name, f in fields.items() if name not in columns]
        self.constants = tuple(_constant(model, f) for f in rest)
        self.columns = [fields[c].column for c in columns] + [f.column for f in rest]
        self.rows = []
        self.add = self.rows.append
        self.written = 0
        # Primary keys are assigned here, so rows can point at each other before writing.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.name}")
            self.next_id = itertools.count(cursor.fetchone()[0] + 1).__next__

    def take(self):
        """The queued rows as one batch for a Loader; the table starts a new list."""
        rows = [row + self.constants for row in self.rows] if self.constants else self.rows
        self.written += len(rows)
        self.rows = []
        self.add = self.rows.append
        return self.name, self.columns, rows


class Loader:
    """Writes batches of rows, one transaction per `submit`.

    Threaded, it writes on a connection of its own while the generator builds the
    next batches: SQLite and psycopg release the GIL while they work, so building
    rows in Python and inserting them overlap on two cores.
    """

    def __init__(self, threaded=True):
        self.threaded = threaded
        self.error = None
        if threaded:
            self.queue = queue.Queue(maxsize=2)
            self.thread = threading.Thread(target=self._run, name="bench-loader", daemon=True)
            self.thread.start()

    def submit(self, batches):
        batches = [b for b in batches if b[2]]
        if not self.threaded:
            _write(batches)
        elif self.error is None:
            self.queue.put(batches)
        else:
            raise self.error

    def close(self):
        if self.threaded:
            self.queue.put(None)
            self.thread.join()
            if self.error is not None:
                raise self.error

    def _run(self):
        try:
            tune_for_loading()
            while (batches := self.queue.get()) is not None:
                if self.error is None:
                    try:
                        _write(batches)
                    except BaseException as exc:  # reported to the generator's thread
                        self.error = exc
        finally:
            connection.close()


def _write(batches):
    with transaction.atomic():
        for table, columns, rows in batches:
            write_rows(table, columns, rows)


def _constant(model, field):
    value = field.get_default()
    if value is None and not field.null:
        raise ImproperlyConfigured(
            f"the bench generator must set {model.__name__}.{field.attname} (NOT NULL, no default)"
        )
    return field.get_db_prep_save(value, connection)


def write_rows(table, columns, rows):
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        marks = ", ".join("?" * len(columns))
        connection.ensure_connection()
        connection.connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def reset_sequences(models):
    """After writing explicit ids, PostgreSQL's identity sequences must catch up."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def tune_for_loading():
    """A bulk load needs no durability per batch: a crash means generating again."""
    if connection.vendor == "postgresql":
        # Foreign-key triggers fire once per copied row; a superuser (as on
        # bin/pg-throwaway) can skip them for this session's load.
        with connection.cursor() as cursor:
            try:
                cursor.execute("SET session_replication_role = replica")
            except DatabaseError:
                pass
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            # The smoke test loads with foreign keys checked; a big load need not.
            cursor.execute("PRAGMA foreign_keys=OFF")
            # 64 MB of page cache; index builds sort through temporary files, so the
            # generator's memory does not grow with the scale.
            cursor.execute("PRAGMA cache_size=-65536")


def analyze():
    """Planner statistics, as a running PostgreSQL's autovacuum (or SQLite's
    `PRAGMA optimize`) would have them after this much data arrived."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")


@contextlib.contextmanager
def indexes_deferred(models):
    """Drop the secondary indexes of `models` while loading, and build them after.

    Building an index once over sorted data is several times cheaper than keeping it
    up to date row by row. Indexes that back a constraint on PostgreSQL stay.
    """
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "JOIN pg_class c ON c.relname = i.indexname "
                "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)",
                [tables],
            )
        else:
            marks = ", ".join(["%s"] * len(tables))
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                f"AND tbl_name IN ({marks})",
                tables,
            )
        saved = cursor.fetchall()
        for name, _sql in saved:
            cursor.execute(f'DROP INDEX "{name}"')
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET maintenance_work_mem = '512MB'")
        for _name, sql in saved:
            cursor.execute(sql)
