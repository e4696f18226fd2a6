"""On a desktop screen (1280×800, and down to 1024 px) the busiest officer's header
links (every role, a long name on the logout button) sit on one row beside the
office's name; on a phone they are still folded into the menu button."""

import os

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from loket.accounts.models import Officer
from loket.accounts.testing_login import fresh_code, officer_device
from loket.browser import chromium
from loket.core.roles import OFFICER_ROLES
from loket.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# What the busiest officer's header says, link by link, in each language.
LINKS = {
    "id": [
        "Layanan",
        "Lacak berkas",
        "Pengaduan",
        "Kotak masuk",
        "Terima di loket",
        "Laporan",
        "SKM",
        "Jejak audit",
        "Tugas berkala",
        "Keluar (Dr. H. Muhammad Ridwan Syahputra Harahap, S.Sos., M.Si.)",
        "English",
    ],
    "en": [
        "Services",
        "Track a file",
        "Complaints",
        "Inbox",
        "Counter intake",
        "Reports",
        "Survey results",
        "Audit trail",
        "Periodic jobs",
        "Log out (Dr. H. Muhammad Ridwan Syahputra Harahap, S.Sos., M.Si.)",
        "Bahasa Indonesia",
    ],
}
LONG_NAME = ("Dr. H. Muhammad Ridwan", "Syahputra Harahap, S.Sos., M.Si.")


@pytest.fixture
def busiest_officer(office):
    """One officer holding every officer role: the most links the header ever shows."""
    user = User.objects.create_user(
        username="semua_peran", password=PASSWORD, first_name=LONG_NAME[0], last_name=LONG_NAME[1]
    )
    for role in OFFICER_ROLES:
        user.groups.add(Group.objects.get_or_create(name=role)[0])
    Officer.objects.create(user=user, office=office)
    officer_device(user)  # officers log in with a second factor
    return user


def _log_in(page, base, user):
    page.goto(base + reverse("login"))
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.fill("input[name=otp_token]", fresh_code(user))
    page.click("button[type=submit]")


def _items(page):
    """Each header item's text (the full text, even where cut on screen) and box."""
    return page.eval_on_selector_all(
        ".usa-nav__primary > .usa-nav__primary-item",
        """items => items.map(item => {
            const box = item.getBoundingClientRect();
            return {text: item.textContent.trim().replace(/\\s+/g, " "),
                    top: Math.round(box.top), right: box.right, height: box.height};
        })""",
    )


def test_the_busiest_officers_links_share_one_row(live_server, busiest_officer):
    """Indonesian and English, at 1280 and 1024 px: every link is shown, all at the
    same height, none past the screen's edge and the page does not scroll sideways;
    the logout button keeps the officer's full name as its text (cut with an ellipsis
    on screen only)."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
        page = context.new_page()
        _log_in(page, live_server.url, busiest_officer)
        for language, links in LINKS.items():
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            for width in (1280, 1024):
                page.set_viewport_size({"width": width, "height": 800})
                page.goto(live_server.url + reverse("home"))
                if os.environ.get("LOKET_SCREENSHOTS"):  # to look at: a folder to write to
                    folder = os.environ["LOKET_SCREENSHOTS"]
                    page.screenshot(path=f"{folder}/nav-{language}-{width}.png")
                items = _items(page)
                assert [item["text"] for item in items] == links
                assert len({item["top"] for item in items}) == 1, (language, width, items)
                assert all(0 < item["height"] < 60 for item in items), items
                assert max(item["right"] for item in items) <= width
                assert page.evaluate("document.documentElement.scrollWidth") <= width
        context.close()


def test_the_phone_still_folds_the_links_into_the_menu(live_server, busiest_officer):
    """At 390 px the links hide behind "Menu", which opens them as a list, one per row."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
        page = context.new_page()
        _log_in(page, live_server.url, busiest_officer)
        page.goto(live_server.url + reverse("home"))
        assert not page.is_visible(".usa-nav__primary")
        page.click(".usa-menu-btn")
        page.wait_for_selector(".usa-nav.is-visible .usa-nav__primary", state="visible")
        items = _items(page)
        assert [item["text"] for item in items] == LINKS["id"]
        assert len({item["top"] for item in items}) == len(items)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        context.close()
