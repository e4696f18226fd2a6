"""`manage.py restore ARCHIVE`: put a `manage.py backup` archive back, checked first.

Stop the web server and the workers before restoring.
"""

import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loket import audit
from loket.audit.verify import verify_chain
from loket.ops.archive import ArchiveError
from loket.ops.backup import (
    Refused,
    Unsuitable,
    describe,
    in_archive,
    media_count,
    migration_drift,
    private_files,
    restore_backup,
)
from loket.ops.postgres import ToolMissing
from loket.ops.sealed import KeyMissing, Unopenable, is_sealed, operator_key, unseal


class Command(BaseCommand):
    help = (
        "Restore a `manage.py backup` archive: checks every file against the manifest, "
        "refuses a database or private-files folder that holds data unless --force, "
        "restores the files and the database, then checks row counts and the audit chain. "
        "An archive taken with PRIVATE_STORAGE=s3 holds no files (they are in the bucket): "
        "its database alone is restored. An archive holding files is not restored onto a "
        "bucket."
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
        archive = Path(options["archive"])
        if archive.is_file() and is_sealed(archive):
            try:
                key = operator_key()
            except KeyMissing as exc:
                raise CommandError(f"not restored: the archive is encrypted; {exc}") from exc
            with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".loket-open-") as tmp:
                plain = Path(tmp) / "backup.tar.gz"
                try:
                    unseal(archive, plain, key)
                except Unopenable as exc:
                    raise CommandError(f"not restored: {exc}") from exc
                return self.restore(plain, options)
        return self.restore(archive, options)

    def restore(self, archive, options):
        media_root, elsewhere = private_files()
        try:
            manifest = restore_backup(
                archive,
                media_root,
                force=options["force"],
                using=options["database"],
                elsewhere=elsewhere,
            )
        except Refused as exc:
            raise CommandError(f"not restored: {exc}. Use --force to overwrite.") from exc
        except Unsuitable as exc:
            raise CommandError(f"not restored: {exc}.") from exc
        except (ArchiveError, ToolMissing) as exc:
            raise CommandError(f"restore failed: {exc}") from exc
        rows = sum(manifest["counts"].values())
        database = f"{manifest['vendor']} database ({rows} rows, counts match)"
        if in_archive(manifest):
            self.stdout.write(
                f"Restored the backup of {manifest['created_at']}: {database} and "
                f"{media_count(manifest)} private files."
            )
        else:
            self.stdout.write(
                f"Restored the backup of {manifest['created_at']}: {database}. Its private "
                f"files were not in the archive: they were in "
                f"{describe(manifest['private_files'])}, and this restore did not touch them."
            )
            if media_root is not None:
                self.stderr.write(
                    f"The private files here are read from the folder {media_root}, which "
                    "this restore did not fill: copy the bucket's objects into it (same "
                    "keys), or set PRIVATE_STORAGE=s3 and the bucket's variables."
                )
            elif describe(elsewhere) != describe(manifest["private_files"]):
                self.stderr.write(
                    f"The private files here are read from {describe(elsewhere)}, not the "
                    "bucket of the backup: copy its objects over, or point the "
                    "PRIVATE_S3_* variables at it."
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
