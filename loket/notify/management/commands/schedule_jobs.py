from django.core.management.base import BaseCommand

from loket.complaints.tasks import ensure_mail_reading_scheduled
from loket.notify.tasks import ensure_scheduled


class Command(BaseCommand):
    help = (
        "Start the worker's periodic jobs (outbox sweep, daily letters, daily retention, "
        "and the complaint mailbox when COMPLAINTS_IMAP_HOST or COMPLAINTS_MAIL_DIR is set) "
        "unless waiting."
    )

    def handle(self, *args, **options):
        started = ensure_scheduled() + ensure_mail_reading_scheduled()
        self.stdout.write("Scheduled: " + (", ".join(started) or "already scheduled"))
