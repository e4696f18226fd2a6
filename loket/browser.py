"""Playwright on Debian's chromium, for the browser tests (never a downloaded browser)."""

import os
from contextlib import contextmanager

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium():
    """Debian's chromium, headless, for tests that open several contexts (one per role)."""
    # Playwright's sync API runs an event loop; the test's ORM calls are still synchronous.
    # Only while the browser runs: later tests' subprocesses (check --deploy) must not
    # inherit it.
    before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if before is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = before


@contextmanager
def browser_page(width=1280, height=900):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
        yield context.new_page()
