"""`manage.py issue_enrolment_code USERNAME [--reset]`: a one-time code with which the
officer sets up their authenticator app (valid OTP_ENROLMENT_HOURS). --reset first
removes their current authenticator and recovery codes (a lost phone)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from loket.accounts.two_factor import issue_enrolment_code


class Command(BaseCommand):
    help = "Issues a one-time second-factor enrolment code for an officer."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reset", action="store_true", help="remove their devices first")

    def handle(self, *args, username, reset, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        code = issue_enrolment_code(user, reset=reset)
        self.stdout.write(f"Enrolment code for {username} (give it in person, once): {code}")
