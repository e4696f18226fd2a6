from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from loket.accounts.two_factor import current_code
from loket.demo import DEMO_OTP_DEVICE, DEMO_OTP_KEY


class Command(BaseCommand):
    help = "Print the current two-factor code of a DEMO officer (e.g. `demo_otp fo`)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # Only the demo devices, whose key is published anyway: never a real officer's.
        device = TOTPDevice.objects.filter(
            user__username=username, name=DEMO_OTP_DEVICE, key=DEMO_OTP_KEY, confirmed=True
        ).first()
        if device is None:
            raise CommandError(f"{username} has no demo two-factor device (run `manage.py demo`).")
        self.stdout.write(current_code(device))
        self.stderr.write("Valid for up to 30 seconds, and once only; then ask again.")
