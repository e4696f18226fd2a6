from loket.surveys.demo import load_demo_surveys
from loket.surveys.models import FollowUpItem, SurveyResponse


def test_it_loads_a_season_with_one_weak_element(office, sikts):
    """The demo season holds ~60 responses this period and opens a plan for U3."""
    created = load_demo_surveys(office)
    assert created == 90 and SurveyResponse.objects.count() == 90
    assert list(FollowUpItem.objects.values_list("element", flat=True)) == ["U3"]
