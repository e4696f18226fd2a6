"""`make screenshots`: every page of every role, in both languages, at desktop and
phone width, as PNG files under var/screenshots/<lang>/<width>/<role>/<page>.png."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from loket.testing_pages import LANGUAGES


class Command(BaseCommand):
    help = (
        "Photograph every page of every role (loket/testing_pages.py) in Indonesian and "
        "English at desktop (1280) and phone (390) width, on a throw-away demo server."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "var" / "screenshots"))
        parser.add_argument("--role", action="append", help="only these roles (repeatable)")

    def handle(self, *args, **options):
        from loket.browser import chromium
        from loket.testing_server import WIDTHS, demo_server, set_language, signed_in_context

        out = Path(options["out"])
        started = time.monotonic()
        count = 0
        self.stdout.write("Starting a throw-away demo server (migrate, standards, demo data)...")
        with demo_server() as server, chromium() as browser:
            roles = options["role"] or list(server.pages)
            for role in roles:
                context, page = signed_in_context(browser, server, role)
                try:
                    for language in LANGUAGES:
                        set_language(context, server, language)
                        for key, path in server.pages[role]:
                            page.set_viewport_size(WIDTHS["desktop"])
                            page.goto(server.url + path)
                            for viewport in WIDTHS.values():
                                page.set_viewport_size(viewport)
                                target = out / language / str(viewport["width"]) / role
                                target.mkdir(parents=True, exist_ok=True)
                                page.screenshot(path=target / f"{key}.png", full_page=True)
                                count += 1
                finally:
                    context.close()
                self.stdout.write(f"  {role}: {len(server.pages[role])} pages")
        seconds = round(time.monotonic() - started)
        self.stdout.write(f"{count} screenshots in {out}/<lang>/<width>/<role>/ ({seconds} s)")
