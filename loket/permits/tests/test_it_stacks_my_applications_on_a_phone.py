"""On a phone (390×844) the applicant's "Permohonan saya" table is a stack of cards,
one per file, headed by its number, each line labelled in the page's language
(USWDS usa-table--stacked-header with data-label), and the page never scrolls sideways."""

import os

import pytest
from django.urls import reverse
from django.utils import translation

from loket.browser import chromium
from loket.testing import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LABELS = {
    "id": ["Nomor registrasi", "Layanan", "Status", "Perkiraan selesai"],
    "en": ["Registration number", "Service", "Status", "Estimated completion"],
}


def _cards(page):
    """Each cell of the first file's row: its label (the ::before text), its text, its box."""
    return page.eval_on_selector_all(
        "#my-applications tbody tr:first-child > *",
        """cells => cells.map(cell => {
            const box = cell.getBoundingClientRect();
            const label = getComputedStyle(cell, "::before");
            return {label: label.display === "none" ? null : label.content,
                    text: cell.textContent.trim(), left: box.left, right: box.right,
                    top: box.top};
        })""",
    )


def test_my_applications_read_as_labelled_cards_on_a_phone(live_server, application):
    """Indonesian and English: the header row is hidden, the number heads the card, the
    service, status and due date are labelled lines under it, all inside the screen."""
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
        page = context.new_page()
        page.goto(live_server.url + reverse("login"))
        page.fill("input[name=username]", application.applicant.user.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        for language, labels in LABELS.items():
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            page.goto(live_server.url + reverse("permits:mine"))
            if os.environ.get("LOKET_SCREENSHOTS"):  # to look at: a folder to write to
                page.screenshot(path=f"{os.environ['LOKET_SCREENSHOTS']}/mine-{language}.png")
            assert not page.is_visible("#my-applications thead")
            cells = _cards(page)
            assert [cell["label"] for cell in cells] == [None] + [f'"{x}"' for x in labels[1:]]
            with translation.override(language):
                status = application.get_status_display()
            assert [cell["text"] for cell in cells[:3]] == [
                application.reg_number,
                application.version.service.name,
                status,
            ]
            assert len({cell["top"] for cell in cells}) == 4  # one under the other
            assert all(cell["left"] >= 0 and cell["right"] <= 390 for cell in cells)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
        context.close()


def test_each_cell_carries_its_label_in_the_pages_language(client, application):
    """The labels a phone shows are in the HTML, translated."""
    client.force_login(application.applicant.user)
    for language, labels in LABELS.items():
        client.cookies["django_language"] = language
        html = client.get(reverse("permits:mine")).content.decode()
        for label in labels:
            assert f'data-label="{label}"' in html
        assert 'class="usa-table usa-table--borderless usa-table--stacked-header"' in html
