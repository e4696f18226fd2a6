from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loket.permits import issuance_signing


class Command(BaseCommand):
    help = (
        "Validate a permit PDF with pyHanko, offline, against SIGNING_TRUST_ROOTS: each "
        "signature (intact, trusted, timestamped, what changed after it) and document "
        "timestamp. Exit status 1 if it is not valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("pdf")

    def handle(self, *args, **options):
        path = Path(options["pdf"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        result = issuance_signing.verify(path.read_bytes())
        for check in result.signatures:
            self.stdout.write(
                f"{check.kind} {check.field_name!r} by {check.signer}: "
                f"intact={check.intact} trusted={check.trusted} certified={check.certified} "
                f"timestamp={check.timestamped_at} changes after={check.changes_after}"
            )
        self.stdout.write(f"covers whole file: {result.covers_whole_file}")
        self.stdout.write(result.message)
        if not result.valid:
            raise SystemExit(1)
