"""Create an API client from the command line; prints its client_id and secret once."""

from django.core.management.base import BaseCommand, CommandError

from loket.apiclients import actions
from loket.apiclients.scopes import SCOPES
from loket.core.errors import ActionError
from loket.core.models import Office


class Command(BaseCommand):
    help = "Create an API client for an office; the secret is shown only now."

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--office", help="office code (default: the first office)")
        parser.add_argument(
            "--scopes", default=",".join(SCOPES), help=f"comma-separated, of {', '.join(SCOPES)}"
        )
        parser.add_argument("--rate-limit", type=int, default=600, help="requests per hour")

    def handle(self, *args, name, office, scopes, rate_limit, **options):
        offices = Office.objects.order_by("pk")
        office_obj = offices.filter(code=office).first() if office else offices.first()
        if office_obj is None:
            raise CommandError("No such office.")
        try:
            client, secret = actions.create_client(
                office_obj,
                name,
                [s.strip() for s in scopes.split(",") if s.strip()],
                by=None,
                rate_limit=rate_limit,
            )
        except ActionError as exc:
            raise CommandError(f"{exc.message} {exc.errors}") from exc
        self.stdout.write(f"client_id={client.client_id}")
        self.stdout.write(f"client_secret={secret}")
