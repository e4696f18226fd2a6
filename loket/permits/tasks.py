"""Background work of the permits app, run by `manage.py db_worker`."""

from loket.core.jobs import daily_at, periodic

LETTERS_AT_HOUR = 6  # local time: letters are in the Back Office's queue by morning


@periodic(next_run=daily_at(LETTERS_AT_HOUR))
def send_uncollected_letters():
    """The one-month letters of permits nobody collected (loket.permits.issuance)."""
    from loket.permits.issuance import send_uncollected_letters as run

    return len(run())
