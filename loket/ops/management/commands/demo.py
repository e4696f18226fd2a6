from django.core.management.base import BaseCommand

from loket.demo import ensure_demo_two_factor, load_demo, print_accounts


class Command(BaseCommand):
    help = "Create the demo officers, applicant and files (once), then print the accounts."

    def handle(self, *args, **options):
        created = load_demo()
        ensure_demo_two_factor()
        self.stdout.write("Demo data created." if created else "Demo data already present.")
        print_accounts(self.stdout)
