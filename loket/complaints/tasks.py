"""Background work of the complaints app: reading the complaint mailbox."""

import datetime
import logging

from django.utils import timezone
from django_tasks import task

from loket.complaints.config import setting

log = logging.getLogger(__name__)


def mailbox_configured():
    """Is there a mailbox to read: an IMAP host, or a folder of .eml files?"""
    return bool(setting("COMPLAINTS_IMAP_HOST", "") or setting("COMPLAINTS_MAIL_DIR", ""))


@task()
def read_complaint_mail(every_seconds=0):
    """Read the IMAP mailbox and the mail folder once; with every_seconds, schedule the next.

    The worker (`manage.py db_worker`) runs it; `manage.py schedule_jobs` starts the
    chain when a mailbox is configured (or `manage.py read_complaint_mail --schedule`).
    """
    from loket.complaints.mail_intake import default_office, read_folder, read_imap

    office = default_office()
    counts = {}
    if office is not None:
        counts = read_imap(office)
        folder = setting("COMPLAINTS_MAIL_DIR", "")
        if folder:
            for kind, n in read_folder(office, folder).items():
                counts[kind] = counts.get(kind, 0) + n
    backend = read_complaint_mail.get_backend()
    if every_seconds and backend.supports_defer:
        read_complaint_mail.using(
            run_after=timezone.now() + datetime.timedelta(seconds=every_seconds)
        ).enqueue(every_seconds)
    return counts


def ensure_mail_reading_scheduled():
    """Start the repeating mailbox reading unless no mailbox is set or one is waiting.

    Returns the names of what it enqueued (for `schedule_jobs`).
    """
    from loket.notify.tasks import is_waiting

    if not mailbox_configured() or is_waiting(read_complaint_mail):
        return []
    read_complaint_mail.enqueue(int(setting("COMPLAINTS_MAIL_EVERY_SECONDS", 300)))
    return [read_complaint_mail.name]
