from loket.complaints.tests.helpers import web_complaint
from loket.testing import advance


def test_it_pulls_the_control_card_of_the_linked_application(client, office, officers, application):
    """A complaint about a file shows that file's control card to the officer."""
    application = advance(application, officers, 4)
    c = web_complaint(office, reference=application.reg_number)
    assert c.application == application
    client.force_login(officers["pengelola_pengaduan"])
    page = client.get(f"/pengaduan/{c.pk}/").content.decode()
    assert "Kartu kendali berkas terkait" in page
    assert page.count('class="card-row') == application.card_entries.count()


def test_it_links_by_permit_number_too(office, officers, application):
    """The permit number finds the file as well as its registration number."""
    application = advance(application, officers, 9)
    c = web_complaint(office, reference=application.permit.number)
    assert c.application == application
