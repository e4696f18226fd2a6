"""Periodic jobs: each app registers its own, `manage.py schedule_jobs` starts them all.

django-tasks has no clock, so a periodic job queues its own next run with
``run_after``. It does so *before* its work: a run that raises, or a worker killed in
the middle of it, still leaves the next run waiting, so no failure stops the chain.

An app declares a job where it defines it::

    @periodic(next_run=daily_at(6))
    def send_uncollected_letters():
        ...

and the app's module is imported at start-up (its AppConfig.ready), so the registry
is complete before the worker or `schedule_jobs` reads it. No lower app imports a
higher one's jobs.

Each run notes its start, its success or its failure (with the error) in the job's
`JobRecord`, shown by `manage.py jobs` and on the office management's jobs page. The
first failure after a success (or ever) also emails the operators (`ADMINS`), once: a
mailbox that stays down every five minutes sends one alert, not hundreds; the next
failure after a recovery sends another.
"""

import functools
import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import mail_admins
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

log = logging.getLogger(__name__)
_JOBS = {}
# Enough of an error to recognise it; the traceback is in the worker's log.
_ERROR_SHOWN = 500


@dataclass(frozen=True)
class PeriodicJob:
    task: object
    # When the run after `now` is due (an aware datetime).
    next_run: object
    # Is there anything for it to do in this deployment (say, a mailbox to read)?
    enabled: object

    @property
    def name(self):
        return self.task.name


def every(interval):
    """A `next_run` for a job that runs again `interval` (a timedelta, or a callable
    that returns one, read at each run) after the last run started."""

    def next_run(now):
        return now + (interval() if callable(interval) else interval)

    return next_run


def daily_at(hour):
    """A `next_run` for a job that runs once a day at `hour`, local time."""

    def next_run(now):
        local = timezone.localtime(now)
        at = local.replace(hour=hour, minute=0, second=0, microsecond=0)
        return at if at > local else at + timedelta(days=1)

    return next_run


def periodic(next_run, enabled=None):
    """Make `func` a task that, when called with repeat=True (the default), first queues
    its next run, then does its work. Registers it for `schedule_jobs`."""

    def wrap(func):
        @functools.wraps(func)
        def run(*args, repeat=True, **kwargs):
            path = f"{func.__module__}.{func.__qualname__}"
            if repeat:
                schedule_next(_JOBS[path])
            _note(path, last_started_at=timezone.now())
            try:
                result = func(*args, **kwargs)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"[:_ERROR_SHOWN]
                was_failing = _is_failing(path)
                _note(
                    path,
                    last_failure_at=timezone.now(),
                    last_error=error,
                    failures=F("failures") + 1,
                )
                if not was_failing:
                    _alert(path, error)
                raise
            _note(path, last_success_at=timezone.now(), successes=F("successes") + 1)
            return result

        job_task = task()(run)
        path = f"{func.__module__}.{func.__qualname__}"
        _JOBS[path] = PeriodicJob(job_task, next_run, enabled or (lambda: True))
        return job_task

    return wrap


def _note(path, **fields):
    """Write to the job's record; never let the bookkeeping hide the job's own outcome."""
    from loket.core.models import JobRecord

    try:
        with transaction.atomic():
            JobRecord.objects.get_or_create(name=path)
            JobRecord.objects.filter(name=path).update(**fields)
    except Exception:  # noqa: BLE001 - a record that cannot be written is logged, not raised
        log.warning("could not record the run of %s", path, exc_info=True)


def _is_failing(path):
    """Did the job's last finished run fail?"""
    from loket.core.models import JobRecord

    record = JobRecord.objects.filter(name=path).first()
    if record is None or record.last_failure_at is None:
        return False
    return record.last_success_at is None or record.last_failure_at > record.last_success_at


def _alert(path, error):
    """Tell the operators; an alert that cannot be sent is logged, never raised."""
    log.error("periodic job %s failed: %s", path, error)
    try:
        mail_admins(
            f"Tugas berkala gagal / periodic job failed: {path}",
            f"{path}\n\n{error}\n\nmanage.py jobs",
            fail_silently=True,
        )
    except Exception:  # noqa: BLE001 - the job's own error is what the worker must see
        log.warning("could not send the alert for %s", path, exc_info=True)


def unregister(job_task):
    """Take a job out of the registry (for tests that define a job of their own)."""
    _JOBS.pop(task_path(job_task), None)


def records():
    """(job, its JobRecord or None) for every registered job, in the registry's order."""
    from loket.core.models import JobRecord

    found = {r.name: r for r in JobRecord.objects.filter(name__in=list(_JOBS))}
    return [(job, found.get(task_path(job.task))) for job in jobs()]


def next_waiting(job_task):
    """The job's queued run (its `run_after` says when; None is "as soon as a worker is
    free"), or None when no run is waiting."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=task_path(job_task), status="READY")
    return waiting.order_by("run_after").first()


def jobs():
    """Every registered periodic job, in a stable order."""
    return [_JOBS[path] for path in sorted(_JOBS)]


def task_path(job_task):
    return f"{job_task.func.__module__}.{job_task.func.__qualname__}"


def is_waiting(job_task):
    """Is a run of this job already queued (so queueing another would double it)?"""
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task_path(job_task), status="READY").exists()


def schedule_next(job):
    if job.task.get_backend().supports_defer and not is_waiting(job.task):
        job.task.using(run_after=job.next_run(timezone.now())).enqueue()


def ensure_scheduled():
    """Queue each enabled job that has no run waiting; returns the names it queued."""
    started = []
    for job in jobs():
        if job.enabled() and not is_waiting(job.task):
            job.task.enqueue()
            started.append(job.name)
    return started
