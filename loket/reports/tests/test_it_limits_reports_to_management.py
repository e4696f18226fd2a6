import pytest
from django.urls import reverse

from loket.surveys.models import FollowUpItem
from loket.surveys.tests.helpers import add_responses, results_changed
from loket.testing import make_officers

PAGES = ["reports:dashboard", "reports:supervision", "surveys:report"]


@pytest.mark.parametrize("name", PAGES)
def test_it_lets_management_read_the_reports(client, officers, name):
    """Sekretaris, Kepala Dinas and Kepala Bidang read every report page."""
    for role in ("sekretaris", "kepala_dinas", "kepala_bidang"):
        client.force_login(officers[role])
        assert client.get(reverse(name)).status_code == 200, role


@pytest.mark.parametrize("name", PAGES + ["reports:performance"])
def test_it_refuses_other_officers_and_applicants(client, officers, applicant, name):
    """Front office, back office and applicants get 403; anonymous users go to login."""
    assert client.get(reverse(name)).status_code == 302
    for user in (officers["front_office"], officers["back_office"], applicant.user):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_it_keeps_staff_performance_for_sekretaris_and_kepala_dinas(client, officers):
    """The Kepala Bidang may not open the staff performance page."""
    client.force_login(officers["kepala_bidang"])
    assert client.get(reverse("reports:performance")).status_code == 403
    client.force_login(officers["sekretaris"])
    assert client.get(reverse("reports:performance")).status_code == 200


def test_it_lets_the_kepala_bidang_read_but_not_edit_a_plan(client, officers, sikts):
    """A Kepala Bidang sees a follow-up item but cannot change it."""
    add_responses(sikts.service, 3, {"u3": 1})
    results_changed(sikts.service.office)
    item = FollowUpItem.objects.get()
    client.force_login(officers["kepala_bidang"])
    url = reverse("surveys:follow_up", args=[item.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"problem": "x", "progress": 50}).status_code == 403
    item.refresh_from_db()
    assert item.progress == 0


def test_it_hides_another_offices_plans_and_figures(client, officers, office, sikts):
    """Another office's Sekretaris finds no item (404) and no API figures of this office."""
    from loket.core.models import Office

    add_responses(sikts.service, 3, {"u3": 1})
    results_changed(office)
    item = FollowUpItem.objects.get()
    other = Office.objects.create(code="lain", name="Kantor lain", city="Dumai")
    stranger = make_officers(other, "lain-")["sekretaris"]
    client.force_login(stranger)
    assert client.get(reverse("surveys:follow_up", args=[item.pk])).status_code == 404
    assert client.get("/api/v1/surveys/ikm").json()["respondents"] == 0


def test_it_refuses_the_figures_api_to_other_roles(client, officers):
    """The IKM and supervision APIs answer 403 to a front office officer, 401 anonymous."""
    assert client.get("/api/v1/surveys/ikm").status_code == 401
    client.force_login(officers["front_office"])
    assert client.get("/api/v1/surveys/ikm").status_code == 403
    assert client.get("/api/v1/reports/supervision").status_code == 403
