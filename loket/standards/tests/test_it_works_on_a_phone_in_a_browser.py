"""In a real browser at 390×844 (a phone): the navigation folds into the menu button,
the button opens it, and the standard's SOP table stays inside the screen."""

import pytest
from django.urls import reverse

from loket.browser import browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_nav_folds_into_a_menu_and_the_sop_fits(live_server, sikts):
    """The links are hidden behind "Menu" until it is pressed; no table widens the page."""
    url = live_server.url + reverse("standards:detail", args=["dpmptsp-pekanbaru", "sikts"])
    with browser_page(width=390, height=844) as page:
        page.goto(url)
        page.wait_for_load_state("load")
        assert page.is_visible(".usa-menu-btn")
        assert not page.is_visible(".usa-nav a[href='/lacak/']")
        page.click(".usa-menu-btn")
        page.wait_for_selector(".usa-nav.is-visible a[href='/lacak/']", state="visible")
        page.click(".usa-nav__close")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        sop = page.locator("#sop").bounding_box()
        assert sop["x"] >= 0 and sop["x"] + sop["width"] <= 390
        assert page.locator("#sop tbody tr").count() >= 9
