import datetime

import pytest
from django.urls import reverse

from loket.core.errors import Invalid, NotAllowed
from loket.surveys import actions, queries
from loket.surveys.models import FollowUpItem
from loket.surveys.tests.helpers import add_responses, form_data


@pytest.fixture
def weak_u3(sikts):
    """U3 scores 2 (NRR 2.0, D); U7 scores 3 (3.0, C) for half; the rest 4 (A)."""
    add_responses(sikts.service, 5, {"u3": 2, "u7": 3})
    add_responses(sikts.service, 5, {"u3": 2})


def test_it_opens_one_item_per_weak_element_when_a_response_comes_in(
    client, officers, office, sikts, weak_u3, django_capture_on_commit_callbacks
):
    """Reading the report opens nothing; a counted response from a registered kiosk
    (the results change) opens an item for U3 (D) only, which the report then shows;
    another adds none."""
    device, _token = actions.register_kiosk(office, officers["front_office"], "Kios loket")
    client.force_login(officers["sekretaris"])
    page = client.get(reverse("surveys:report"))
    assert page.status_code == 200 and "Waktu Penyelesaian" in page.content.decode()
    assert not FollowUpItem.objects.exists()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            actions.submit_anonymous(sikts.service, form_data({"u3": 2}), device=device)
    item = FollowUpItem.objects.get()
    assert (item.element, item.mutu, str(item.nrr)) == ("U3", "D", "2.000")
    assert "U3" in item.problem and item.status == "open"
    assert item.problem in client.get(reverse("surveys:report")).content.decode()


def test_it_needs_the_sekretaris_to_approve_a_complete_plan(officers, office, weak_u3):
    """Approval needs action, unit and deadline, and only the Sekretaris gives it."""
    period = queries.current_period(office)
    actions.open_follow_ups(office, period, queries.ikm_for_period(office, period))
    item = FollowUpItem.objects.get()
    with pytest.raises(Invalid) as missing:
        actions.approve_follow_up(item, officers["sekretaris"])
    assert set(missing.value.errors) == {"action", "unit", "deadline"}
    actions.update_follow_up(
        item,
        officers["kepala_dinas"],
        {"action": "Tambah petugas paraf", "unit": "Sekretariat", "deadline": "2026-12-31"},
    )
    item.refresh_from_db()
    with pytest.raises(NotAllowed):
        actions.approve_follow_up(item, officers["kepala_dinas"])
    with pytest.raises(NotAllowed):
        actions.update_follow_up(item, officers["front_office"], {"progress": 10})
    actions.approve_follow_up(item, officers["sekretaris"])
    item.refresh_from_db()
    assert item.status == "approved" and item.approved_by == officers["sekretaris"]
    actions.update_follow_up(item, officers["sekretaris"], {"progress": 100})
    item.refresh_from_db()
    assert item.status == "done" and item.deadline == datetime.date(2026, 12, 31)


def test_it_shows_last_periods_plan_in_the_next_report(client, officers, office, weak_u3):
    """An item of the previous period appears in the following period's report."""
    period = queries.current_period(office)
    FollowUpItem.objects.create(
        office=office,
        service=office.services.get(),
        period_key=period.previous().key,
        element="U8",
        nrr="2.500",
        mutu="D",
        problem="Ruang tunggu sempit",
        action="Perluas ruang tunggu",
        opened_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
    )
    client.force_login(officers["kepala_dinas"])
    page = client.get(reverse("surveys:report"), {"periode": period.key})
    assert "Perluas ruang tunggu" in page.content.decode()
