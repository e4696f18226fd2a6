"""In a real browser: a citizen files a complaint on the public form and follows it."""

import pytest

from loket.browser import browser_page
from loket.complaints import actions
from loket.complaints.models import Complaint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_files_and_tracks_a_complaint_in_a_browser(live_server, office, officers, settings):
    """The public form gives a ticket and tracking code; the answer shows on tracking."""
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    with browser_page(width=390, height=844) as page:
        page.goto(live_server.url + "/pengaduan/")
        page.fill("textarea[name=description]", "Antrean di loket lama dan petugas tidak ada.")
        if page.query_selector("input[name=name]"):
            page.fill("input[name=name]", "Budi Santoso")
        page.click("form button[type=submit]")
        page.wait_for_selector("#ticket")
        ticket = page.text_content("#ticket").strip()
        code = page.text_content("#tracking-code").strip()
        complaint = Complaint.objects.get(ticket=ticket)
        actions.weigh(complaint, officers["pengelola_pengaduan"], "ringan", "Soal antrean.")
        complaint.refresh_from_db()
        actions.answer(
            complaint,
            officers["pengelola_pengaduan"],
            "Petugas tambahan ditempatkan di loket mulai besok.",
        )
        page.goto(live_server.url + "/pengaduan/lacak/")
        page.fill("#ticket", ticket)
        page.fill("#code", code)
        page.click("form button[type=submit]")
        page.wait_for_selector("#track-result")
        assert "Petugas tambahan" in page.text_content("#track-result")
