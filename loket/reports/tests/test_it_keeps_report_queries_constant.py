from django.urls import reverse

from loket.reports.tests.helpers import handover
from loket.testing import file_for, make_officers, page_queries


def _grow(sikts, office, applicant, prefix, files):
    officers = make_officers(office, prefix)
    for _ in range(files):
        app = file_for(sikts, applicant)
        for step, role in ((4, "jf_ahli_muda"), (5, "jf_ahli_madya"), (6, "sekretaris")):
            handover(app, step, role, officers[role], 12, 10)


def _queries(client, url):
    queries, response = page_queries(client, url)
    assert response.status_code == 200
    return queries


def test_it_reads_the_supervision_page_with_a_fixed_number_of_queries(
    client, sikts, office, officers, applicant
):
    """The same number of queries for 1 file and officer set as for 6 files and 3 sets."""
    client.force_login(officers["kepala_dinas"])
    _grow(sikts, office, applicant, "x-", 1)
    url = reverse("reports:supervision")
    few = _queries(client, url)
    _grow(sikts, office, applicant, "y-", 3)
    _grow(sikts, office, applicant, "z-", 2)
    assert _queries(client, url) == few


def test_it_reads_the_dashboard_and_survey_report_with_fixed_queries(
    client, sikts, office, officers, applicant
):
    """Dashboard and SKM report do not grow with the data either."""
    client.force_login(officers["kepala_dinas"])
    _grow(sikts, office, applicant, "x-", 1)
    urls = [reverse("reports:dashboard"), reverse("surveys:report")]
    few = [_queries(client, url) for url in urls]
    _grow(sikts, office, applicant, "y-", 4)
    assert [_queries(client, url) for url in urls] == few
