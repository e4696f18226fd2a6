"""Each officer lands where their work is: the complaint desk and a Kepala Bidang with
no SOP step of his own on the complaint inbox, a permit officer on the permit inbox,
and the navigation's "Kotak masuk" takes each of them there again."""

from django.utils import translation

from loket.permits.models import Task


def _land(client, user, language="id"):
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get("/", follow=True, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_the_complaint_desk_lands_on_the_complaint_inbox(client, sikts, officers):
    page = _land(client, officers["pengelola_pengaduan"])
    assert "Kotak masuk pengaduan" in page
    with translation.override("en"):
        page = _land(client, officers["pengelola_pengaduan"], "en")
    assert "Complaints inbox" in page


def test_a_kepala_bidang_without_a_step_lands_on_complaints(client, sikts, officers):
    """SIKTS's SOP has no step for the Kepala Bidang: an empty permit inbox is not his."""
    page = _land(client, officers["kepala_bidang"])
    assert "Kotak masuk pengaduan" in page
    assert "Tidak ada berkas yang menunggu" not in page


def test_a_permit_officer_lands_on_the_permit_inbox(client, sikts, officers, application):
    page = _land(client, officers["front_office"])
    assert application.reg_number in page
    assert "Kotak masuk pengaduan" not in page
    # The nav's "Kotak masuk" goes back through the landing page.
    assert 'href="/"><span>Kotak masuk</span></a>' in page


def test_open_permit_work_comes_first(client, sikts, officers, application):
    """A role with a step waiting sees that step first (the file waits at step 2)."""
    Task.objects.filter(application=application).update(role="kepala_bidang")
    page = _land(client, officers["kepala_bidang"])
    assert application.reg_number in page
