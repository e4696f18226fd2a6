from django.core.management.base import BaseCommand, CommandError

from loket.complaints.mail_intake import default_office, read_folder, read_imap
from loket.core.models import Office


class Command(BaseCommand):
    help = (
        "Read complaint emails: from the IMAP mailbox (COMPLAINTS_IMAP_* settings) or a "
        "folder of .eml files. Each message is read once only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--folder", help="a folder of .eml files instead of IMAP")
        parser.add_argument(
            "--office", help="office code (default: COMPLAINTS_OFFICE or the first)"
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help=(
                "queue a background reading that repeats every COMPLAINTS_MAIL_EVERY_SECONDS "
                "(needs the worker)"
            ),
        )

    def handle(self, *args, folder=None, office=None, schedule=None, **options):
        target = Office.objects.filter(code=office).first() if office else default_office()
        if target is None:
            raise CommandError("No such office.")
        if schedule:
            from loket.complaints.tasks import read_complaint_mail
            from loket.core.jobs import is_waiting

            if not is_waiting(read_complaint_mail):
                read_complaint_mail.enqueue()
            self.stdout.write("Mailbox reading queued.")
            return
        counts = read_folder(target, folder) if folder else read_imap(target)
        summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing new"
        self.stdout.write(summary)
