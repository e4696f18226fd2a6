"""Background work of the permits app, run by `manage.py db_worker`."""

from loket.core.jobs import daily_at, periodic

LETTERS_AT_HOUR = 6  # local time: letters are in the Back Office's queue by morning
SWEEP_AT_HOUR = 3  # local time: the office is closed, nothing is being filed


@periodic(next_run=daily_at(LETTERS_AT_HOUR))
def send_uncollected_letters():
    """The one-month letters of permits nobody collected (loket.permits.issuance)."""
    from loket.permits.issuance import send_uncollected_letters as run

    return len(run())


@periodic(next_run=daily_at(SWEEP_AT_HOUR))
def sweep_private_files():
    """Delete private files no row names that are more than a day old: what a process
    killed between writing a file and committing its row left behind
    (loket.core.storage.sweep_orphans). Returns how many were deleted."""
    import logging

    from loket.core.storage import sweep_orphans

    removed = sweep_orphans()
    if removed:
        logging.getLogger(__name__).info("removed %d orphaned private files", len(removed))
    return len(removed)
