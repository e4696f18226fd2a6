"""Numbering under contention: 8 processes take gap-free numbers at once.

Each process runs transactions that do what the number step does to the database to
get a number: `next_in_sequence` (the office's counter row, advanced in the caller's
transaction, so a rollback gives the number back) and one insert recording it. The
step's PAdES seal is left out: CPU work that neither touches the counter nor waits
for it.

A gap-free counter is taken by one transaction at a time: its row stays locked until
the transaction commits, so numbering one sequence can never go faster than one
process numbering alone. The baseline is exactly that, one process taking the same
count of numbers in the same transactions; the ratio shows what 8 processes waiting
for each other lose on top of it (lock waits, retries, a busy handler's sleeps).
Target: at least 0.5. Then every number taken, by both runs, must be consecutive and
unique: last+1 ... last+N.
"""

import multiprocessing
import time

from django.db import connection, connections, transaction
from django.utils import timezone

PROCESSES = 8
PER_PROCESS = 150
NUMBERING_TARGET = 0.5
SEQUENCE = "permit:bench"
TABLE = "bench_numbered"


def _prepare():
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE TABLE {TABLE} (number bigint NOT NULL UNIQUE, process integer NOT NULL)"
        )


def _work(index, office_id, year, start, count, out):
    from loket.core.models import Office
    from loket.core.sequences import next_in_sequence

    office = Office.objects.get(pk=office_id)
    while time.time() < start:
        time.sleep(0.001)
    for _ in range(count):
        for attempt in range(20):
            try:
                with transaction.atomic():
                    number = next_in_sequence(office, SEQUENCE, year)
                    with connection.cursor() as cursor:
                        cursor.execute(
                            f"INSERT INTO {TABLE} (number, process) VALUES (%s, %s)",
                            [number, index],
                        )
                break
            except Exception:  # a busy SQLite or a serialization failure: try again
                if attempt == 19:
                    raise
                time.sleep(0.01 * (attempt + 1))
    out.put(time.time())
    connections.close_all()


def _run(processes, office, year):
    connections.close_all()
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    start = time.time() + 1.0
    each = PROCESSES * PER_PROCESS // processes
    workers = [
        context.Process(target=_work, args=(i, office.pk, year, start, each, out))
        for i in range(processes)
    ]
    for w in workers:
        w.start()
    ends = [out.get(timeout=600) for _ in workers]
    for w in workers:
        w.join()
        if w.exitcode:
            raise RuntimeError("a numbering process failed")
    return each * processes / (max(ends) - start)


def scenario(office, database):
    from loket.core.models import Sequence

    year = timezone.localdate().year
    _prepare()
    seq, _ = Sequence.objects.get_or_create(office=office, name=SEQUENCE, year=year)
    first = seq.last
    baseline = _run(1, office, year)
    value = _run(PROCESSES, office, year)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {TABLE} ORDER BY number")
        numbers = [row[0] for row in cursor.fetchall()]
        cursor.execute(f"DROP TABLE {TABLE}")
    expected = list(range(first + 1, first + 1 + 2 * PROCESSES * PER_PROCESS))
    consecutive = numbers == expected
    ratio = value / baseline
    return {
        "name": f"Numbering: {PROCESSES} processes",
        "database": database,
        "value": round(value, 1),
        "baseline": round(baseline, 1),
        "unit": "numbers/s",
        "ratio": round(ratio, 3),
        "target": f"ratio >= {NUMBERING_TARGET}, consecutive and unique",
        "met": ratio >= NUMBERING_TARGET and consecutive,
        "notes": f"{len(numbers):,} numbers {first + 1}..{first + len(numbers)}: "
        + ("consecutive and unique" if consecutive else "GAPS OR DUPLICATES")
        + "; baseline: one process alone",
    }
