"""`manage.py backup`: the database and the private files in one verifiable archive."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from loket.ops.archive import ArchiveError
from loket.ops.backup import describe, make_backup, private_files
from loket.ops.postgres import ToolMissing
from loket.ops.sealed import KeyMissing, new_key, operator_key, seal


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup, or pg_dump -Fc) and the private files "
        "(PRIVATE_MEDIA_ROOT) into one tar.gz with a manifest (migrations, rows per table, "
        "SHA-256 of each file). With PRIVATE_STORAGE=s3 the files stay in the bucket "
        "(backed up by its own versioning and replication): the archive holds the "
        "database, and its manifest says where the files are. The archive is encrypted "
        "under BACKUP_KEY (or BACKUP_KEY_FILE); restoring it needs the same key."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="the archive to write (default: VAR_DIR/backups/loket-<UTC time>.tar.gz)",
        )
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="write a plain tar.gz (only for a backup that never leaves this machine)",
        )
        parser.add_argument(
            "--new-key", action="store_true", help="print a new BACKUP_KEY and stop"
        )

    def handle(self, *args, **options):
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        key = None
        if not options["unencrypted"]:
            try:
                key = operator_key()
            except KeyMissing as exc:
                raise CommandError(f"backup refused: {exc}") from exc
        output = options["output"]
        if not output:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            suffix = ".tar.gz" if key is None else ".tar.gz.enc"
            output = Path(settings.VAR_DIR) / "backups" / f"loket-{stamp}{suffix}"
        media_root, elsewhere = private_files()
        output = Path(output)
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            if key is None:
                manifest = make_backup(output, media_root, options["database"], elsewhere)
            else:
                # The plain archive exists only in a private folder beside the output.
                with tempfile.TemporaryDirectory(dir=output.parent, prefix=".loket-seal-") as tmp:
                    plain = Path(tmp) / "backup.tar.gz"
                    manifest = make_backup(plain, media_root, options["database"], elsewhere)
                    seal(plain, output, key)
        except (ArchiveError, ToolMissing) as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        files = len(manifest["files"]) - 1
        rows = sum(manifest["counts"].values())
        tables = len(manifest["counts"])
        database = f"{manifest['vendor']} database ({tables} tables, {rows} rows)"
        if elsewhere is not None:
            self.stdout.write(
                f"{output}: {database}, taken {manifest['created_at']}.\n"
                f"The private files are NOT in this archive: they stay in "
                f"{describe(elsewhere)}, whose own versioning and replication back them "
                "up (docs/deploy.md, Backups)."
            )
            return
        self.stdout.write(
            f"{output}: {database} and {files} private files, taken {manifest['created_at']}"
        )
        if manifest["media_vanished"]:
            self.stderr.write(
                f"{len(manifest['media_vanished'])} file(s) were removed while being copied "
                "(listed in the manifest as media_vanished)."
            )
