from django.core.management.base import BaseCommand
from django.utils import timezone

from loket.core.jobs import next_waiting, records


def _when(at):
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M:%S %Z") if at else "-"


class Command(BaseCommand):
    help = (
        "Each periodic job (loket.core.jobs): its last success, its last failure with the "
        "error, and its next run waiting."
    )

    def handle(self, *args, **options):
        for job, record in records():
            waiting = next_waiting(job.task)
            if waiting is None:
                following = "none waiting" if job.enabled() else "not needed here"
            else:
                following = _when(waiting.run_after) if waiting.run_after else "as soon as free"
            self.stdout.write(job.name)
            self.stdout.write(f"  last success: {_when(record and record.last_success_at)}")
            failure = _when(record and record.last_failure_at)
            if record and record.last_failure_at:
                failure += f" ({record.last_error})"
            self.stdout.write(f"  last failure: {failure}")
            self.stdout.write(f"  next run:     {following}")
