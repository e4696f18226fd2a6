from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from loket.core.models import Office
from loket.permits import issuance_signing


class Command(BaseCommand):
    help = (
        "Create (once) the DEMO certificate authority and timestamp authority in "
        "SIGNING_DEMO_CA_DIR (ca.pem is the trust root). Officers then enrol their own "
        "certificates (enrol_signing_certificate). Never for real use."
    )

    def handle(self, *args, **options):
        from loket.lib.demo_ca import DEMO_ORGANISATION, make_demo_ca

        ca = issuance_signing.demo_authority()
        roots = [str(r) for r in settings.SIGNING_TRUST_ROOTS]
        if str(ca.cert_path) not in roots:
            raise CommandError(
                f"SIGNING_TRUST_ROOTS must include the demo CA {ca.cert_path} "
                "(a real deployment uses its own CA and does not run this command)."
            )
        existed = ca.exists()
        office = Office.objects.order_by("pk").first()
        organisation = f"{office.name} (DEMO)" if office else DEMO_ORGANISATION
        make_demo_ca(ca.directory, organisation)
        if existed:
            self.stdout.write(f"Demo CA already present: {ca.cert_path}")
        else:
            self.stdout.write(self.style.WARNING(f"DEMO CA (trust root): {ca.cert_path}"))
            self.stdout.write(f"DEMO timestamp authority: {ca.tsa_cert_path}")
