from django.core.management.base import BaseCommand, CommandError

from loket.core.errors import ActionError
from loket.permits import issuance_certificates
from loket.permits.models import SigningCertificate


class Command(BaseCommand):
    help = (
        "Revoke an officer's signing certificate at once (lost key, officer left): it "
        "signs nothing more, and the demo CA lists it on its revocation list."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", required=True)

    def handle(self, *args, **options):
        certificate = SigningCertificate.objects.filter(
            officer__username=options["username"], status=SigningCertificate.ACTIVE
        ).first()
        if certificate is None:
            raise CommandError(f"{options['username']} has no active signing certificate.")
        try:
            issuance_certificates.revoke_certificate(certificate, options["reason"])
        except ActionError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Revoked {certificate.subject} ({certificate.serial}).")
        )
