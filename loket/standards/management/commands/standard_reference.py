from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from loket.standards.form_schema import reference_markdown

TARGET = Path(settings.BASE_DIR) / "docs" / "standard-reference.md"


class Command(BaseCommand):
    help = "Write docs/standard-reference.md from the schema (loket/standards/form_schema.py)."

    def handle(self, *args, **options):
        TARGET.write_text(reference_markdown())
        self.stdout.write(f"Wrote {TARGET}")
