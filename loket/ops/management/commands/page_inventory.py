from django.core.management.base import BaseCommand

from loket.testing_pages import demo_usernames, inventory


class Command(BaseCommand):
    help = (
        "List every page each role opens on the demo data (run after `manage.py demo`): "
        "role, page name and path; --json for the crawl and `make screenshots`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options):
        pages = inventory()
        if options["json"]:
            import json

            self.stdout.write(json.dumps({"pages": pages, "usernames": demo_usernames()}))
            return
        for role, listed in pages.items():
            for key, path in listed:
                self.stdout.write(f"{role:<20} {key:<24} {path}")
