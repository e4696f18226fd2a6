from django.core.management.base import BaseCommand

from loket.permits.issuance import send_uncollected_letters


class Command(BaseCommand):
    help = (
        "Make the notification letter (surat pemberitahuan) of every permit not collected "
        "within one calendar month of completion; running it twice makes no second letter."
    )

    def handle(self, *args, **options):
        made = send_uncollected_letters()
        for letter in made:
            self.stdout.write(f"{letter.reference}: {letter.address}")
        self.stdout.write(f"{len(made)} letter(s) made.")
