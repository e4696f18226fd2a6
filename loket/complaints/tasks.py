"""Background work of the complaints app: reading the complaint mailbox."""

import datetime
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

log = logging.getLogger(__name__)


@task()
def read_complaint_mail(every_seconds=0):
    """Read the IMAP mailbox once; with every_seconds, schedule the next reading.

    The worker (`manage.py db_worker`) runs it; the chain is started once by
    `manage.py read_complaint_mail --schedule SECONDS`.
    """
    from loket.complaints.mail_intake import default_office, read_imap

    office = default_office()
    counts = read_imap(office) if office else {}
    if every_seconds and default_task_backend.supports_defer:
        read_complaint_mail.using(
            run_after=timezone.now() + datetime.timedelta(seconds=every_seconds)
        ).enqueue(every_seconds)
    return counts
