from django.core.management.base import BaseCommand

from loket.notify.tasks import ensure_scheduled


class Command(BaseCommand):
    help = "Start the worker's periodic jobs (outbox sweep, daily letters) unless waiting."

    def handle(self, *args, **options):
        started = ensure_scheduled()
        self.stdout.write("Scheduled: " + (", ".join(started) or "already scheduled"))
