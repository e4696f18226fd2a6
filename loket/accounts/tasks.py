"""Background work of the accounts app: the daily retention job (run by `db_worker`).

A periodic job (loket.core.jobs): `manage.py schedule_jobs` starts the chain and each
run queues the next one (django-tasks has no clock of its own).
"""

from loket.core.jobs import daily_at, periodic

RETENTION_AT_HOUR = 2  # local time: the quietest hour of an office's day
next_retention_run = daily_at(RETENTION_AT_HOUR)


@periodic(next_run=next_retention_run)
def apply_retention():
    """Anonymise what is past each office's retention period (loket.accounts.retention)."""
    from loket.accounts.retention import apply_retention as run

    return run()
