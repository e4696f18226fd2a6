from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from loket.core.models import Office
from loket.lib.signing import make_demo_pki


class Command(BaseCommand):
    help = (
        "Create (once) a DEMO certificate authority and the demo Kepala Dinas's signing "
        "certificate at settings.SIGNING_PKCS12 / SIGNING_TRUST_ROOTS. Never for real use."
    )

    def handle(self, *args, **options):
        p12 = Path(settings.SIGNING_PKCS12)
        roots = [Path(r) for r in settings.SIGNING_TRUST_ROOTS]
        if p12.is_file():
            self.stdout.write(f"Signing key already present: {p12}")
            return
        if len(roots) != 1 or roots[0].parent != p12.parent:
            raise CommandError(
                "The demo PKI writes ca.pem beside signer.p12: SIGNING_TRUST_ROOTS must be "
                "<dir of SIGNING_PKCS12>/ca.pem. A real deployment uses its own certificate."
            )
        office = Office.objects.order_by("pk").first()
        head = (office.head_name if office and office.head_name else "Kepala Dinas") + " (DEMO)"
        pki = make_demo_pki(p12.parent, head, settings.SIGNING_PASSPHRASE)
        if pki.signer_p12_path != p12 or pki.ca_cert_path != roots[0]:
            pki.signer_p12_path.rename(p12)
            pki.ca_cert_path.rename(roots[0])
        self.stdout.write(self.style.WARNING(f"DEMO signing certificate for {head}: {p12}"))
        self.stdout.write(f"DEMO CA (trust root): {roots[0]}")
