"""`manage.py backup`: the database and the private files in one verifiable archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from loket.ops.archive import ArchiveError
from loket.ops.backup import describe, make_backup, private_files
from loket.ops.postgres import ToolMissing


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup, or pg_dump -Fc) and the private files "
        "(PRIVATE_MEDIA_ROOT) into one tar.gz with a manifest (migrations, rows per table, "
        "SHA-256 of each file). With PRIVATE_STORAGE=s3 the files stay in the bucket "
        "(backed up by its own versioning and replication): the archive holds the "
        "database, and its manifest says where the files are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="the archive to write (default: VAR_DIR/backups/loket-<UTC time>.tar.gz)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        output = options["output"]
        if not output:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.VAR_DIR) / "backups" / f"loket-{stamp}.tar.gz"
        media_root, elsewhere = private_files()
        try:
            manifest = make_backup(output, media_root, options["database"], elsewhere)
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
