from django.core.management.base import BaseCommand

from loket.accounts.retention import apply_retention


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of closed files and complaints past each office's "
        "retention period (Office.retention_years); the worker also runs it daily."
    )

    def handle(self, *args, **options):
        for office, counts in apply_retention().items():
            self.stdout.write(
                f"{office}: {counts['applicants']} pemohon dianonimkan, "
                f"{counts['documents']} dokumen dihapus, {counts['complaints']} pengaduan "
                f"dianonimkan, {counts['messages']} pesan dikosongkan"
            )
