import pytest
from django.urls import reverse

from loket.reports import supervision
from loket.reports.stats import median, percentile
from loket.reports.tests.helpers import handover
from loket.surveys import periods
from loket.testing import file_for, make_officers


@pytest.fixture
def cards(sikts, office, officers, applicant):
    """Step 4 (standard 5 min): officer A took 2, 4, 6, 8, 30; officer B 5, 5, 7."""
    a = officers["jf_ahli_muda"]
    b = make_officers(office, "b-")["jf_ahli_muda"]
    one, two = file_for(sikts, applicant), file_for(sikts, applicant)
    for elapsed in (2, 4, 6, 8, 30):
        handover(one, 4, "jf_ahli_muda", a, elapsed, 5)
    for elapsed in (5, 5, 7):
        handover(two, 4, "jf_ahli_muda", b, elapsed, 5)
    return a, b, two


def test_it_reads_median_and_p90_from_a_histogram():
    """Median averages the two middle values; p90 is the nearest rank."""
    assert median([(2, 1), (4, 1), (6, 1)]) == 4
    assert median([(5, 2), (6, 1), (9, 1)]) == 5.5
    assert percentile([(v, 1) for v in range(1, 11)], 90) == 9
    assert percentile([(1, 9), (100, 1)], 90) == 1
    assert median([]) is None and percentile([], 90) is None


def test_it_computes_the_true_figures_per_step_and_officer(office, cards):
    """Count, median, p90, share on time and minutes late match the known values."""
    a, b, _two = cards
    data = supervision.supervision(office, periods.period_containing(_today(), "yearly"))
    step4 = next(r for r in data["steps"] if r["no"] == 4)["figures"]
    assert (step4.count, step4.median, step4.p90, step4.standard) == (8, 5.5, 30, 5)
    assert (step4.late, step4.on_time_share, step4.late_minutes) == (4, 0.5, 1 + 3 + 25 + 2)
    per = {(r["officer_id"], r["no"]): r["figures"] for r in data["officer_steps"]}
    fa, fb = per[(a.pk, 4)], per[(b.pk, 4)]
    assert (fa.count, fa.median, fa.p90, fa.on_time_share) == (5, 6, 30, 0.4)
    assert (fb.count, fb.median, fb.p90, fb.late) == (3, 5, 7, 1)
    assert data["slowest_step"]["no"] == 4
    assert data["slowest_officer"]["officer_id"] == a.pk
    assert [e.late_minutes for e in data["late_files"]] == [25, 3, 2, 1]


def test_it_filters_by_officer_and_period(office, cards):
    """The officer filter keeps only their hand-overs; another year has none."""
    _a, b, _two = cards
    this_year = periods.period_containing(_today(), "yearly")
    only_b = supervision.supervision(office, this_year, officer_id=b.pk)
    assert [r["figures"].count for r in only_b["steps"]] == [3]
    assert supervision.supervision(office, this_year.previous())["steps"] == []


def test_it_names_the_slowest_step_and_officer_on_the_page(client, officers, cards):
    """The page names the bottleneck step and officer and draws the chart."""
    client.force_login(officers["kepala_dinas"])
    html = client.get(reverse("reports:supervision")).content.decode()
    # The step by its short label (standards/sikts.yaml), not the SOP sentence cut short.
    assert "Langkah paling lambat" in html and "4. Paraf JF Ahli Muda" in html
    assert "jf_ahli_muda" in html  # officer A's name (their username) is named
    assert "data:image/svg+xml;base64," in html


def test_it_exports_the_figures_through_the_api(client, officers, cards):
    """/api/v1/reports/supervision returns the same figures as JSON."""
    client.force_login(officers["sekretaris"])
    body = client.get("/api/v1/reports/supervision").json()
    step4 = next(s for s in body["steps"] if s["step"] == 4)
    assert (step4["median_minutes"], step4["p90_minutes"], step4["on_time_share"]) == (5.5, 30, 0.5)


def _today():
    from django.utils import timezone

    return timezone.localdate()
