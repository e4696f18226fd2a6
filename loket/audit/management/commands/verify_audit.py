"""`manage.py verify_audit`: walk the audit chain; exit 1 at the first tampered entry."""

from django.core.management.base import BaseCommand, CommandError

from loket.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Checks the audit trail's hash chain; names the first changed, removed or moved entry."

    def handle(self, *args, **options):
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"AUDIT CHAIN BROKEN at #{report.problem.seq} ({report.problem.kind}): "
                f"{report.problem.message}",
                returncode=1,
            )
        self.stdout.write(
            f"OK: {report.checked} entries, chain intact; "
            f"head #{report.head_seq} {report.head_hash}"
        )
        if report.anchor is None:
            self.stdout.write(
                "NOTE: no signed anchor yet (the anchoring job writes one; "
                "`manage.py anchor_audit` writes one now)."
            )
        else:
            self.stdout.write(f"Anchored: #{report.anchor.seq} at {report.anchor.at}")
