"""After confirming, the applicant sees a confirmation panel: what happened, the
registration number, what comes next and when (the standard's time limit)."""

from django.urls import reverse

from loket.permits.models import Application
from loket.permits.tests.filing_helpers import filled_form
from loket.testing import PASSWORD, apply_online


def test_it_shows_the_confirmation_panel_after_filing(client, sikts, applicant):
    """Indonesian and English: the number, the next steps and the time limit."""
    client.login(username=applicant.user.username, password=PASSWORD)
    response = apply_online(client, sikts.service, filled_form(sikts.spec))
    application = Application.objects.get()
    html = client.get(response["Location"]).content.decode()
    assert "Permohonan Anda sudah kami terima" in html
    assert f'<p class="loket-number">{application.reg_number}</p>' in html
    assert "Apa yang terjadi selanjutnya" in html
    assert "Waktu penyelesaian menurut standar pelayanan: 2 hari kerja." in html
    assert application.tracking_code in html

    client.cookies["django_language"] = "en"
    english = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "We have received your application" in english
    assert "What happens next" in english
    assert "Time to complete under the service standard:" in english

    # The receipt opened later (not right after filing) has no panel.
    later = client.get(reverse("permits:receipt", args=[application.pk])).content.decode()
    assert "Permohonan Anda sudah kami terima" not in later
    assert application.tracking_code in later
