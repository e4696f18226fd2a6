"""Background work of the accounts app: the daily retention job (run by `db_worker`).

Scheduled like the notify app's daily jobs: `manage.py schedule_jobs` starts the chain
and each run queues the next one (django-tasks has no clock of its own).
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

RETENTION_AT_HOUR = 2  # local time: the quietest hour of an office's day


def next_retention_run(now):
    local = timezone.localtime(now)
    at = local.replace(hour=RETENTION_AT_HOUR, minute=0, second=0, microsecond=0)
    return at if at > local else at + timedelta(days=1)


@task()
def apply_retention(repeat=True):
    """Anonymise what is past each office's retention period (loket.accounts.retention)."""
    from loket.accounts.retention import apply_retention as run
    from loket.notify.tasks import is_waiting

    counts = run()
    if repeat and apply_retention.get_backend().supports_defer and not is_waiting(apply_retention):
        apply_retention.using(run_after=next_retention_run(timezone.now())).enqueue()
    return counts
