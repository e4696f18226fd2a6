from django.core.management.base import BaseCommand

from loket.notify.actions import sweep_outbox


class Command(BaseCommand):
    help = "Deliver every due outbox message now (retries, and rows a dead worker left)."

    def handle(self, *args, **options):
        self.stdout.write(f"{sweep_outbox()} message(s) tried.")
