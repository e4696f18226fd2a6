from django.urls import reverse

from loket.surveys.actions import create_invitation
from loket.surveys.models import SurveyInvitation, SurveyResponse
from loket.surveys.tests.helpers import form_data
from loket.testing import advance


def _finished(application, officers):
    return advance(application, officers, 99)


def test_it_creates_one_invitation_per_finished_file(application, officers):
    """create_invitation returns the same random token however often it is called."""
    done = _finished(application, officers)
    first = create_invitation(done)
    again = create_invitation(done)
    assert first.pk == again.pk
    assert len(first.token) >= 30
    assert first.public_url.endswith(f"/survei/u/{first.token}/")


def test_it_takes_the_survey_by_token_once_and_refuses_the_second(client, application, officers):
    """The token link records one response; a second use is refused with a clear message."""
    invitation = create_invitation(_finished(application, officers))
    url = reverse("surveys:invited", args=[invitation.token])
    page = client.get(url)
    assert page.status_code == 200
    assert "sangat sopan dan ramah" in page.content.decode()
    response = client.post(url, form_data(3, comment="Cepat"))
    assert response.status_code == 302
    saved = SurveyResponse.objects.get()
    assert saved.invitation == invitation and saved.channel == "link"
    assert (saved.u1, saved.u9, saved.comment) == (3, 3, "Cepat")
    assert saved.service_id == application.version.service_id

    again = client.post(url, form_data(1))
    assert again.status_code == 409
    assert "sudah diisi" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_it_refuses_a_second_use_through_the_api(client, application, officers):
    """The API answers 409 with the reason when a token was already used."""
    invitation = create_invitation(_finished(application, officers))
    body = {"token": invitation.token, **form_data(4)}
    first = client.post("/api/v1/surveys/responses", body, content_type="application/json")
    assert first.status_code == 201
    second = client.post("/api/v1/surveys/responses", body, content_type="application/json")
    assert second.status_code == 409
    assert "sudah diisi" in second.json()["detail"]


def test_it_rejects_an_incomplete_form(client, application, officers):
    """A missing profile field keeps the form open with the error and records nothing."""
    invitation = create_invitation(_finished(application, officers))
    url = reverse("surveys:invited", args=[invitation.token])
    data = form_data(4)
    del data["age"]
    page = client.post(url, data)
    assert page.status_code == 200
    assert SurveyResponse.objects.count() == 0
    assert SurveyInvitation.objects.get().used_at is None


def test_it_invites_finished_files_without_one_by_the_daily_job(client, application, officers):
    """Files filed before surveys existed have no invitation: viewing the applicant's
    survey page creates none; the daily job does, and the page then lists it."""
    from loket.surveys.tasks import ensure_survey_invitations

    _finished(application, officers)
    SurveyInvitation.objects.all().delete()
    client.force_login(application.applicant.user)
    client.get(reverse("surveys:mine"))
    assert not SurveyInvitation.objects.exists()
    assert ensure_survey_invitations.call(repeat=False) == 1
    page = client.get(reverse("surveys:mine"))
    invitation = SurveyInvitation.objects.get(application=application)
    assert invitation.get_absolute_url() in page.content.decode()


def test_it_does_not_list_files_still_in_process(client, application):
    """A file still in process is not offered on the applicant's survey page."""
    client.force_login(application.applicant.user)
    page = client.get(reverse("surveys:mine")).content.decode()
    invitation = SurveyInvitation.objects.get(application=application)
    assert invitation.get_absolute_url() not in page
