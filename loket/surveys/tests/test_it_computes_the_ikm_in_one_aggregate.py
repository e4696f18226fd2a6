from datetime import timedelta

from django.utils import timezone

from loket.surveys import ikm, queries
from loket.surveys.periods import YEARLY, period_containing
from loket.surveys.tests.helpers import add_responses


def test_it_matches_the_pure_module_and_counts_only_the_period(sikts, office, application):
    """The IKM from the database equals ikm_from_responses on the same answers; responses
    outside the period are left out; the population is the files filed in the period."""
    service = sikts.service
    add_responses(service, 3, {"u1": 4, "u2": 3, "u3": 2})
    add_responses(service, 2, {"u1": 3, "u2": 3, "u3": 1}, u9=None)
    add_responses(service, 4, 1, at=timezone.now() - timedelta(days=800))
    period = period_containing(timezone.localdate(), YEARLY)
    data = queries.ikm_for_period(office, period)
    expected = ikm.ikm_from_responses(
        [{"U1": 4, "U2": 3, "U3": 2, **{f"U{i}": 4 for i in range(4, 10)}}] * 3
        + [{"U1": 3, "U2": 3, "U3": 1, **{f"U{i}": 4 for i in range(4, 9)}, "U9": None}] * 2
    )
    assert data.respondents == 5
    assert data.result == expected
    assert data.result.element("U9").count == 3
    assert data.population == 1
    assert data.sample_size == ikm.krejcie_morgan(1) == 1
    assert not data.too_few


def test_it_warns_when_responses_are_below_the_sample_size(sikts, office, applicant):
    """With 10 files filed and 5 responses, Krejcie & Morgan asks for 10: too few."""
    from loket.testing import file_for

    for _ in range(9):
        file_for(sikts, applicant)
    add_responses(sikts.service, 5)
    data = queries.ikm_for_period(office, queries.current_period(office, YEARLY))
    assert (data.population, data.sample_size, data.respondents) == (9, 9, 5)
    assert data.too_few


def test_it_reads_the_ikm_with_a_fixed_number_of_queries(sikts, office, django_assert_num_queries):
    """One aggregate for the scores (plus population and names), whatever the size."""
    period = queries.current_period(office, YEARLY)
    add_responses(sikts.service, 5)
    with django_assert_num_queries(3):
        queries.ikm_for_period(office, period)
    add_responses(sikts.service, 200, 2)
    with django_assert_num_queries(3):
        data = queries.ikm_for_period(office, period)
    assert data.respondents == 205


def test_it_follows_the_period_setting_of_the_standard_or_office(sikts, office, officers):
    """The standard says yearly; the office may switch to quarters."""
    from loket.surveys.actions import set_period_kind

    assert queries.period_kind(office) == "yearly"
    set_period_kind(office, officers["sekretaris"], "quarter")
    assert queries.period_kind(office) == "quarter"
    assert queries.current_period(office).key.count("-Q") == 1


def test_the_period_follows_the_most_frequent_service_not_the_first_loaded(office, sikts):
    """Two services, yearly and quarterly: the office surveys quarterly, whichever was
    loaded first; one service alone keeps its own."""
    from pathlib import Path

    from loket.standards.actions import load_standard

    other = Path(__file__).resolve().parents[2] / "standards" / "tests" / "fixtures"
    version, _new = load_standard((other / "other-service.yaml").read_text())
    assert version.spec.data["survey"]["period"] == "quarter"
    assert queries.period_kind(office) == "quarter"
    assert queries.period_kind(office, sikts.service) == "yearly"
