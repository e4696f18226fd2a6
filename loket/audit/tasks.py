"""The audit app's periodic job: anchor the chain's head outside the database."""

from datetime import timedelta

from django.conf import settings

from loket.audit import anchor
from loket.core.jobs import every, periodic


def _interval():
    return timedelta(seconds=settings.AUDIT_ANCHOR_EVERY_SECONDS)


@periodic(next_run=every(_interval))
def anchor_audit_head():
    written = anchor.write_anchor()
    return written.seq if written else None
