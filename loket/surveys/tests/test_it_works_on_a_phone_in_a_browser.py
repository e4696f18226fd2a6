"""In a real browser on a phone-sized screen: the applicant answers the survey by its link."""

import pytest

from loket.browser import browser_page
from loket.surveys.models import SurveyInvitation, SurveyResponse
from loket.testing import advance

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_takes_a_survey_on_a_phone(live_server, application, officers):
    """All nine elements and the profile fit a 390 px screen and the answer is recorded."""
    application = advance(application, officers, 99)
    invitation = SurveyInvitation.objects.get(application=application)
    with browser_page(width=390, height=844) as page:
        page.goto(live_server.url + invitation.get_absolute_url())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.fill("input[name=age]", "34")
        page.check("input[name=sex][value=P]")
        page.select_option("select[name=education]", index=3)
        page.select_option("select[name=occupation]", index=2)
        for code in range(1, 10):
            page.check(f"input[name=u{code}][value='{4 if code != 3 else 2}']")
        page.fill("textarea[name=comment]", "Pelayanan cepat, antrean perlu diperbaiki.")
        page.click("button[type=submit]")
        page.wait_for_load_state()
        assert "/survei/terima-kasih/" in page.url
    response = SurveyResponse.objects.get()
    assert (response.u1, response.u3, response.age) == (4, 2, 34)
    invitation.refresh_from_db()
    assert invitation.used_at is not None
