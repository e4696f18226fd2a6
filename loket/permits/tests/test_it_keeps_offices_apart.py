"""A second office sees none of the first office's data."""

from django.urls import reverse

from loket.core.models import Office
from loket.permits.access import visible_applications
from loket.permits.queries import inbox
from loket.testing import make_officers


def test_it_shows_a_second_office_nothing_of_the_first(client, application, officers):
    """Inbox, file lists and files of office A are empty for office B's officers."""
    other = Office.objects.create(code="dpmptsp-siak", name="DPMPTSP Siak", city="Siak")
    strangers = make_officers(other, prefix="siak-")
    for user in strangers.values():
        assert not visible_applications(user).exists()
    assert not inbox(other, {"front_office"}).exists()
    assert inbox(application.office, {"front_office"}).count() == 1
    client.force_login(strangers["front_office"])
    assert application.reg_number not in client.get(reverse("permits:inbox")).content.decode()
