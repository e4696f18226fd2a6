"""`manage.py restore ARCHIVE`: put a `manage.py backup` archive back, checked first.

Stop the web server and the workers before restoring.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from loket import audit
from loket.audit.verify import verify_chain
from loket.ops.archive import ArchiveError
from loket.ops.backup import Refused, migration_drift, restore_backup
from loket.ops.postgres import ToolMissing


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive: checks every file against the manifest, "
        "refuses a database or private-files folder that holds data unless --force, "
        "restores the files and the database, then checks row counts and the audit chain."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--force",
            action="store_true",
            help="overwrite a database and a private-files folder that already hold data",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        try:
            manifest = restore_backup(
                options["archive"],
                settings.PRIVATE_MEDIA_ROOT,
                force=options["force"],
                using=options["database"],
            )
        except Refused as exc:
            raise CommandError(f"not restored: {exc}. Use --force to overwrite.") from exc
        except (ArchiveError, ToolMissing) as exc:
            raise CommandError(f"restore failed: {exc}") from exc
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']}: {manifest['vendor']} database "
            f"({sum(manifest['counts'].values())} rows, counts match) and "
            f"{len(manifest['files']) - 1} private files."
        )
        unknown, missing = migration_drift(manifest)
        if unknown:
            self.stderr.write(
                "The backup has migrations this code does not know (it is older than the "
                f"backup): {', '.join(f'{a}.{n}' for a, n in unknown)}"
            )
        if missing:
            # The tables are the backup's shape until migrated: nothing is written now.
            self.stdout.write(
                f"{len(missing)} newer migration(s) to apply: run `manage.py migrate`, "
                "then `manage.py verify_audit`."
            )
            return
        report = verify_chain()
        if not report.ok:
            raise CommandError(
                f"restored, but the audit chain is broken at #{report.problem.seq}: "
                f"{report.problem.message}"
            )
        # The restored trail records that it was restored (a backup writes nothing: it
        # may be taken from a read-only replica).
        audit.record(
            "ops.restore",
            actor=None,
            office=None,
            data={"backup_created_at": manifest["created_at"], "vendor": manifest["vendor"]},
        )
        self.stdout.write(f"Audit chain intact: {report.checked} entries.")
