from django.conf import settings
from django.core.management.base import BaseCommand

from loket.core.models import Office
from loket.permits import issuance_certificates


class Command(BaseCommand):
    help = (
        "List the signing certificates that end within SIGNING_EXPIRY_WARNING_DAYS "
        "(default 30): exit status 1 if there are any, for cron or monitoring."
    )

    def handle(self, *args, **options):
        found = 0
        for office in Office.objects.order_by("pk"):
            for cert in issuance_certificates.expiring(office):
                found += 1
                self.stdout.write(
                    self.style.WARNING(
                        f"{office.name}: {cert.subject} ({cert.officer.get_username()}) "
                        f"ends {cert.not_after:%Y-%m-%d}"
                    )
                )
        if found:
            raise SystemExit(1)
        self.stdout.write(
            f"No signing certificate ends within {settings.SIGNING_EXPIRY_WARNING_DAYS} days."
        )
