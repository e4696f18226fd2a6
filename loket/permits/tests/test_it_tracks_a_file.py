"""Public tracking by registration number and tracking code."""

from django.urls import reverse

from loket.testing import advance


def test_it_shows_the_step_role_and_expected_date(client, application, officers):
    """With the right pair, anyone sees the step, who holds it and when it should finish."""
    application = advance(application, officers, 4)
    page = client.get(
        reverse("permits:track"), {"reg": application.reg_number, "code": application.tracking_code}
    )
    html = page.content.decode()
    assert 'id="track-result"' in html
    assert "langkah 4" in html.lower()
    assert "JF Analis Kebijakan Ahli Muda" in html
    assert application.applicant.nik not in html


def test_it_finds_nothing_with_a_wrong_code(client, application):
    """A wrong tracking code shows no file, only a message saying what to check."""
    page = client.get(reverse("permits:track"), {"reg": application.reg_number, "code": "WRONG"})
    html = page.content.decode()
    assert 'id="track-result"' not in html
    assert "tidak ditemukan" in html
