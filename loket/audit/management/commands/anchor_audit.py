"""`manage.py anchor_audit`: append the audit chain's signed head to the anchor file now
(the periodic job does the same every AUDIT_ANCHOR_EVERY_SECONDS)."""

from django.core.management.base import BaseCommand

from loket.audit import anchor


class Command(BaseCommand):
    help = "Appends the audit chain's current head, signed with AUDIT_KEY, to the anchor file."

    def handle(self, *args, **options):
        written = anchor.write_anchor()
        if written is None:
            self.stdout.write("Nothing new to anchor.")
        else:
            self.stdout.write(f"Anchored #{written.seq} in {anchor.anchor_path()}")
