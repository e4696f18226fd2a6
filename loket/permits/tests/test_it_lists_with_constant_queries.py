"""List pages run the same number of queries whatever the number of files."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loket.testing import file_for, make_applicant


def _count(client, url):
    # The office of the page's header and footer is read once per worker and then
    # kept (loket.core.identity): the page is counted as it is served from then on.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_it_renders_the_inbox_in_constant_queries(client, sikts, officers, office):
    """The Front Office inbox costs the same with 1 file as with 6."""
    applicant = make_applicant(office)
    file_for(sikts, applicant)
    client.force_login(officers["front_office"])
    url = reverse("permits:inbox")
    few = _count(client, url)
    for _ in range(5):
        file_for(sikts, make_applicant(office))
    many = _count(client, url)
    assert few == many
    assert client.get(url).content.decode().count('class="task-row"') == 6


def test_it_renders_the_applicants_list_in_constant_queries(client, sikts, office):
    """An applicant's own list costs the same with 1 file as with 5."""
    applicant = make_applicant(office)
    file_for(sikts, applicant)
    client.force_login(applicant.user)
    url = reverse("permits:mine")
    few = _count(client, url)
    for _ in range(4):
        file_for(sikts, applicant)
    assert _count(client, url) == few


def test_it_renders_the_catalogue_in_constant_queries(client, sikts):
    """The public catalogue does not query per service (its own queries; the office
    of the page's header and footer is kept by the worker: loket.core.identity)."""
    url = reverse("standards:catalogue")
    assert _count(client, url) <= 2


def test_it_pages_the_inbox(client, sikts, officers, office, settings, monkeypatch):
    """The inbox shows a page of the soonest-due files and links to the next page."""
    from loket.permits import views

    monkeypatch.setattr(views, "INBOX_PAGE_SIZE", 2)
    for _ in range(3):
        file_for(sikts, make_applicant(office))
    client.force_login(officers["front_office"])
    first = client.get(reverse("permits:inbox")).content.decode()
    assert first.count('class="task-row"') == 2 and "?hal=2" in first
    second = client.get(reverse("permits:inbox"), {"hal": 2}).content.decode()
    assert second.count('class="task-row"') == 1
