"""Background work of the notify app, run by `manage.py db_worker`.

django-tasks has no clock, so the periodic jobs re-enqueue themselves with
``run_after``; `manage.py schedule_jobs` starts the chain once (it is idempotent).
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

SWEEP_EVERY = timedelta(minutes=1)
LETTERS_AT_HOUR = 6  # local time: letters are in the Back Office's queue by morning


@task()
def deliver(outbox_id):
    from loket.notify.actions import deliver_message

    return deliver_message(outbox_id)


@task()
def sweep_outbox(repeat=True):
    """Requeue the tasks of dead workers, then deliver every due message."""
    from loket.notify.actions import sweep_outbox as sweep
    from loket.notify.recovery import requeue_orphaned_tasks

    if repeat:
        # Before the work: a worker dying mid-sweep leaves the next sweep queued, and
        # that one requeues this one (which then finds its successor waiting).
        _again(sweep_outbox, timezone.now() + SWEEP_EVERY)
    requeue_orphaned_tasks()
    return sweep()


@task()
def send_uncollected_letters(repeat=True):
    from loket.permits.issuance import send_uncollected_letters as run

    made = run()
    if repeat:
        _again(send_uncollected_letters, next_daily_run(timezone.now()))
    return len(made)


def next_daily_run(now):
    local = timezone.localtime(now)
    at = local.replace(hour=LETTERS_AT_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


def _again(job, when):
    if job.get_backend().supports_defer and not is_waiting(job):
        job.using(run_after=when).enqueue()


def is_waiting(job):
    """Is a run of this periodic job already queued (so scheduling again would double it)?"""
    from django_tasks_db.models import DBTaskResult

    path = f"{job.func.__module__}.{job.func.__qualname__}"
    return DBTaskResult.objects.filter(task_path=path, status="READY").exists()


def ensure_scheduled():
    """Enqueue each periodic job unless one is already waiting; returns what it enqueued."""
    from loket.accounts.tasks import apply_retention

    started = []
    for job in (sweep_outbox, send_uncollected_letters, apply_retention):
        if not is_waiting(job):
            job.enqueue()
            started.append(job.name)
    return started
