from django.core.management.base import BaseCommand

from loket.core.jobs import ensure_scheduled, jobs


class Command(BaseCommand):
    help = "Start every app's periodic jobs (loket.core.jobs) that have no run waiting."

    def handle(self, *args, **options):
        started = ensure_scheduled()
        self.stdout.write("Scheduled: " + (", ".join(started) or "already scheduled"))
        idle = [job.name for job in jobs() if not job.enabled()]
        if idle:
            self.stdout.write("Not needed here: " + ", ".join(idle))
