"""axe-core over every page of every role, in Indonesian and English, on a desktop and a
phone screen: no violation of impact serious or critical.

One browser for the module, one context per role (logged in once), on a throw-away
demo server (loket/testing_server.py). Violations known today are listed in
known_axe_violations.py with the reason of each rule; the test fails on any other and
on a listed one that is gone (as a strict xfail would), so a fix is noticed and the
entry removed.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from loket.browser import chromium
from loket.ops.tests.known_axe_violations import KNOWN_VIOLATIONS
from loket.testing_pages import LANGUAGES, ROLES
from loket.testing_server import WIDTHS, demo_server, set_language, signed_in_context

# own_database: the demo server runs on its own SQLite file whatever DATABASE_URL says,
# so the PostgreSQL run would only repeat it.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.own_database]
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def server():
    with demo_server() as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    with chromium() as running:
        yield running


def serious_violations(page):
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return sorted({v["id"] for v in results["violations"] if v.get("impact") in SERIOUS})


@pytest.mark.parametrize("role", ROLES)
def test_it_has_no_serious_accessibility_violations(server, browser, role):
    """Each page of the role, in both languages and at both widths, passes axe-core's
    serious and critical rules (or is a known violation still present)."""
    context, page = signed_in_context(browser, server, role)
    # axe-core (bundled by axe-playwright-python) in every page before its own scripts.
    context.add_init_script(script=Axe().axe_script)
    found = {}
    try:
        for language in LANGUAGES:
            set_language(context, server, language)
            for key, path in server.pages[role]:
                page.set_viewport_size(WIDTHS["desktop"])
                response = page.goto(server.url + path)
                assert response.status == 200, (key, path, response.status)
                for width, viewport in WIDTHS.items():  # the same page, then narrower
                    page.set_viewport_size(viewport)
                    violations = serious_violations(page)
                    if violations:
                        found[f"{role} {key} {language} {width}"] = tuple(violations)
    finally:
        context.close()
    known = {k: rules for k, rules in KNOWN_VIOLATIONS.items() if k.split()[0] == role}
    assert found == known, "AXE " + repr(found)
