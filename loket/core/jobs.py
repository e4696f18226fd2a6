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
"""

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

_JOBS = {}


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
            if repeat:
                schedule_next(_JOBS[f"{func.__module__}.{func.__qualname__}"])
            return func(*args, **kwargs)

        job_task = task()(run)
        path = f"{func.__module__}.{func.__qualname__}"
        _JOBS[path] = PeriodicJob(job_task, next_run, enabled or (lambda: True))
        return job_task

    return wrap


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
