"""Background work of the complaints app: reading the complaint mailbox."""

import datetime
import logging

from loket.complaints.config import setting
from loket.core.jobs import every, periodic

log = logging.getLogger(__name__)


def mailbox_configured():
    """Is there a mailbox to read: an IMAP host, or a folder of .eml files?"""
    return bool(setting("COMPLAINTS_IMAP_HOST", "") or setting("COMPLAINTS_MAIL_DIR", ""))


def _mail_interval():
    return datetime.timedelta(seconds=int(setting("COMPLAINTS_MAIL_EVERY_SECONDS", 300)))


@periodic(next_run=every(_mail_interval), enabled=mailbox_configured)
def read_complaint_mail():
    """Read the IMAP mailbox and the mail folder once (and queue the next reading).

    The worker (`manage.py db_worker`) runs it; `manage.py schedule_jobs` starts the
    chain when a mailbox is configured (or `manage.py read_complaint_mail --schedule`),
    every COMPLAINTS_MAIL_EVERY_SECONDS (300 by default).
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
    return counts
