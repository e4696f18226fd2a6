from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from loket.standards.actions import StandardInvalid, load_standard


class Command(BaseCommand):
    help = "Validate a standard YAML file and load it as a new version (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)

    def handle(self, *args, files, **options):
        failed = False
        for path in files:
            try:
                version, created = load_standard(path.read_text(encoding="utf-8"))
            except OSError as exc:
                self.stderr.write(f"{path}: {exc.strerror}")
                failed = True
                continue
            except StandardInvalid as exc:
                self.stderr.write(f"{path}: not loaded, {len(exc.errors)} error(s):")
                for error in exc.errors:
                    self.stderr.write(f"  {error}")
                failed = True
                continue
            state = "loaded as" if created else "unchanged, still"
            self.stdout.write(f"{path}: {state} {version.service.code} v{version.number}")
        if failed:
            raise CommandError("some standards were not loaded")
