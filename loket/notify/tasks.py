"""Background work of the notify app, run by `manage.py db_worker`.

The outbox sweep is a periodic job (loket.core.jobs): `manage.py schedule_jobs` starts
its chain once (it is idempotent).
"""

from datetime import timedelta

from django_tasks import task

from loket.core.jobs import every, periodic

SWEEP_EVERY = timedelta(minutes=1)


@task()
def deliver(outbox_id):
    from loket.notify.actions import deliver_message

    return deliver_message(outbox_id)


@periodic(next_run=every(SWEEP_EVERY))
def sweep_outbox():
    """Requeue the tasks of dead workers, then deliver every due message.

    Its next run is queued before the work (loket.core.jobs): a worker dying mid-sweep
    leaves the next sweep queued, and that one requeues this one."""
    from loket.notify.actions import sweep_outbox as sweep
    from loket.notify.recovery import requeue_orphaned_tasks

    requeue_orphaned_tasks()
    return sweep()
