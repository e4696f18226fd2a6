import getpass
import sys

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from loket.core.errors import ActionError
from loket.permits import issuance_certificates


def read_passphrase(options, stdin=None):
    """The officer types their passphrase (twice) at the terminal; or one line on stdin."""
    if options.get("passphrase_stdin"):
        return (stdin or sys.stdin).readline().rstrip("\n")
    first = getpass.getpass("Passphrase (typed by the officer, not stored): ")
    if first != getpass.getpass("Again: "):
        raise CommandError("The two passphrases differ.")
    return first


class Command(BaseCommand):
    stealth_options = ("stdin",)
    help = (
        "Enrol an officer's personal signing certificate. local: a new key and CSR, "
        "certified by the demo CA, kept encrypted with the passphrase the officer types "
        "now (not stored). bsre: register the officer's NIK at the BSrE service (it must "
        "already hold an issued certificate). An existing active certificate is rotated."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--backend", choices=["local", "bsre"], default=None)
        parser.add_argument("--nik", help="the officer's NIK at BSrE (bsre backend)")
        parser.add_argument("--days", type=int, default=2 * 365)
        parser.add_argument("--passphrase-stdin", action="store_true")

    def execute(self, *args, **options):
        self.stdin = options.get("stdin", sys.stdin)
        return super().execute(*args, **options)

    def handle(self, *args, **options):
        from django.conf import settings

        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']!r}.")
        backend = options["backend"] or settings.SIGNATURE_BACKEND
        try:
            if backend == "bsre":
                record = issuance_certificates.enrol_bsre(user, options["nik"] or "")
            else:
                record = issuance_certificates.enrol_local(
                    user, read_passphrase(options, self.stdin), days=options["days"]
                )
        except ActionError as exc:
            raise CommandError(f"{exc.message} {exc.errors or ''}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Enrolled {record.subject} ({record.backend}), serial {record.serial}, "
                f"valid until {record.not_after:%Y-%m-%d}."
            )
        )
