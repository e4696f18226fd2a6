"""Tasks whose worker died mid-task: found and put back in the queue.

django-tasks-db claims a task by marking it RUNNING (inside SELECT ... FOR UPDATE
SKIP LOCKED on PostgreSQL, an EXCLUSIVE transaction on SQLite) and then runs it
holding no lock; it never looks at a RUNNING task again, so a worker killed mid-task
(OOM, SIGKILL, a lost machine) would leave its task RUNNING for ever.

So a worker holds, for as long as it runs a task, a lock that the system releases
when the worker dies: on PostgreSQL a session advisory lock (freed when the worker's
connection drops, whichever machine it runs on), on SQLite an flock on a file (an
SQLite database and all its workers are on one machine). The lock is taken inside
the claim's transaction, so no other process ever sees the task RUNNING without it.
The outbox sweep calls `requeue_orphaned_tasks()`: a RUNNING task whose lock it can
take has no live worker, and goes back to READY for any worker to run again. Tasks
are therefore run at least once; every Loket task is idempotent.
"""

import fcntl
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

log = logging.getLogger(__name__)

RUNNING, READY, FAILED = "RUNNING", "READY", "FAILED"
# A task that took down this many workers is not given another one.
MAX_CLAIMS = 3


class WorkerDied(Exception):
    """Recorded as the failure of a task whose workers kept dying while running it."""


# Locks this process holds: task id -> open lock file (SQLite) or None (PostgreSQL).
_held = {}


def _key(task_id):
    return int.from_bytes(uuid.UUID(str(task_id)).bytes[:8], "big", signed=True)


def _lock_path(task_id):
    return Path(settings.VAR_DIR) / "task-locks" / f"{task_id}.lock"


def _try_lock(connection, task_id, until_commit=False):
    """Take the task's lock without waiting: a handle (None on PostgreSQL), or False if
    another process holds it. ``until_commit`` frees a PostgreSQL lock at the end of the
    transaction, whatever happens in it."""
    if connection.vendor == "postgresql":
        lock = "pg_try_advisory_xact_lock" if until_commit else "pg_try_advisory_lock"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {lock}(%s)", [_key(task_id)])
            return None if cursor.fetchone()[0] else False
    path = _lock_path(task_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held open for as long as the task runs
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return False
    return handle


def _unlock(connection, task_id, handle):
    if handle is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(task_id)])
        return
    _lock_path(task_id).unlink(missing_ok=True)
    handle.close()


@receiver(post_save, sender=DBTaskResult, dispatch_uid="loket.notify.recovery")
def hold_while_running(sender, instance, update_fields=None, using="default", **kwargs):
    """In a worker: lock a task when claiming it, unlock it once it has finished."""
    fields = update_fields or ()
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return
    task_id = str(instance.pk)
    if instance.status == RUNNING and "worker_ids" in fields and task_id not in _held:
        handle = _try_lock(connection, task_id)
        if handle is False:
            # Only a dead worker's lingering lock or a key collision; never wait on it.
            log.warning("task %s claimed while its lock is held elsewhere", task_id)
            return
        _held[task_id] = handle
    elif "finished_at" in fields and task_id in _held:
        try:
            _unlock(connection, task_id, _held.pop(task_id))
        except DatabaseError:
            # A broken connection has dropped its advisory locks already.
            log.warning("could not unlock task %s", task_id, exc_info=True)


def requeue_orphaned_tasks(using="default"):
    """Put RUNNING tasks of dead workers back in the queue; returns how many.

    A task that has already killed MAX_CLAIMS workers is marked FAILED instead, so
    that one poisonous task cannot take down every worker in turn.
    """
    connection = connections[using]
    if connection.vendor not in ("postgresql", "sqlite"):
        return 0
    running = DBTaskResult.objects.using(using).filter(status=RUNNING)
    requeued = 0
    for task_id, worker_ids in running.values_list("pk", "worker_ids"):
        task_id = str(task_id)
        if task_id in _held:
            continue  # this process runs it (the sweep itself)
        with transaction.atomic(using=using):
            handle = _try_lock(connection, task_id, until_commit=True)
            if handle is False:
                continue  # its worker is alive
            try:
                requeued += _requeue(task_id, worker_ids, using)
            finally:
                if handle is not None:
                    _unlock(connection, task_id, handle)
    return requeued


def _requeue(task_id, worker_ids, using):
    # The conditional UPDATE loses to a worker that finished the task meanwhile.
    tasks = DBTaskResult.objects.using(using).filter(pk=task_id, status=RUNNING)
    if len(worker_ids) >= MAX_CLAIMS:
        died = f"its worker died while running it, {len(worker_ids)} times"
        changed = tasks.update(
            status=FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{__name__}.{WorkerDied.__qualname__}",
            traceback=f"{died} (worker ids {', '.join(worker_ids)})",
        )
        if changed:
            log.error("task %s failed: %s", task_id, died)
        return 0
    changed = tasks.update(status=READY)
    if changed:
        log.warning("task %s requeued: worker %s died", task_id, worker_ids[-1:])
    return changed
