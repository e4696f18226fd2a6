"""The survey link is on the receipt, opens when the file is done, and comes by SMS."""

from django.urls import reverse

from loket.notify.models import Outbox
from loket.surveys.models import SurveyInvitation
from loket.testing import advance

ANSWERS = {f"u{i}": "3" for i in range(1, 10)} | {
    "age": "35",
    "sex": "P",
    "education": "S1",
    "occupation": "PNS",
}


def test_it_prints_the_link_on_the_receipt_but_waits_for_the_permit(client, application):
    """The receipt shows the file's survey link; before issue the form says to wait."""
    invitation = SurveyInvitation.objects.get(application=application)
    client.force_login(application.applicant.user)
    page = client.get(reverse("permits:receipt", args=[application.pk])).content.decode()
    assert invitation.public_url in page
    form = client.get(invitation.get_absolute_url()).content.decode()
    assert 'id="survey-not-yet"' in form
    client.post(invitation.get_absolute_url(), ANSWERS)
    invitation.refresh_from_db()
    assert invitation.used_at is None


def test_it_texts_the_survey_link_when_the_file_closes(application, officers):
    """Closing the file at step 9 queues one survey SMS with the file's own link."""
    invitation = SurveyInvitation.objects.get(application=application)
    assert not Outbox.objects.filter(idempotency_key__startswith="survey_invite").exists()
    application = advance(application, officers, 99)
    assert application.status == "collected"
    sms = Outbox.objects.get(idempotency_key=f"survey_invite:{application.pk}:sms")
    assert invitation.public_url[-20:] in sms.body
