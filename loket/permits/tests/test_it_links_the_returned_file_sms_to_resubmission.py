"""The SMS of a returned file names every item and the officer's note, cut only between
words, and links the resubmission page: opened signed out, the login leads back to it."""

import re

from django.test import Client
from django.urls import resolve, reverse

from loket.accounts.models import Applicant
from loket.notify.models import Outbox
from loket.permits import actions
from loket.permits.messages import about_file
from loket.testing import PASSWORD, file_for, make_applicant


def _returned(sikts, applicant, officers, problems, note=""):
    application = file_for(sikts, applicant)
    actions.return_to_applicant(application, officers["front_office"], problems, note, step_no=2)
    return application, {
        m.channel: m for m in Outbox.objects.filter(about=about_file(application.pk))
    }


def test_it_sends_every_item_the_note_and_the_resubmission_link(sikts, office, officers, settings):
    """A short return fits whole: the item, the note, and the absolute resubmission link,
    which, followed signed out, asks for the login and then opens the resubmission page."""
    settings.SITE_URL = "https://perizinan.example.go.id"
    applicant = make_applicant(office, "Siti")
    application, sent = _returned(
        sikts, applicant, officers, {"ktp": "Foto KTP buram"}, "Mohon dilegalisir pimpinan"
    )
    body = sent["sms"].body
    assert (
        "mohon dilengkapi: Fotokopi Kartu Tanda Penduduk (KTP): Foto KTP buram; "
        "Catatan: Mohon dilegalisir pimpinan. Perbaiki & kirim ulang: https://" in body
    )
    link = re.search(r"https?://\S+", body).group(0)
    path = reverse("permits:resubmit", args=[application.pk])
    assert link == settings.SITE_URL + path
    assert resolve(path).view_name == "permits:resubmit"

    client = Client()
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    login = client.post(
        response["Location"],
        {"username": applicant.user.username, "password": PASSWORD},
    )
    assert login.status_code == 302 and login["Location"] == path
    page = client.get(path)
    assert page.status_code == 200
    assert "Foto KTP buram" in page.content.decode()


def test_it_names_the_note_in_the_applicants_language(sikts, office, officers):
    """An English applicant reads "Notes", not the officer's "Catatan", in SMS and email."""
    applicant = make_applicant(office, "Dewi")
    Applicant.objects.filter(pk=applicant.pk).update(language="en")
    applicant.refresh_from_db()
    _application, sent = _returned(sikts, applicant, officers, {}, "Please sign every page")
    assert "please complete: Notes: Please sign every page. Fix & resubmit: " in sent["sms"].body
    assert "- Notes: Please sign every page" in sent["email"].body


def test_it_sends_a_walk_in_to_the_counter(sikts, office, officers, settings):
    """An applicant without an account gets the tracking link and is told to resubmit at
    the counter (they cannot sign in to the resubmission page)."""
    applicant = make_applicant(office, "Budi", with_account=False)
    application = file_for(sikts, make_applicant(office, "Budi Dua"))
    application.applicant = applicant
    application.save(update_fields=["applicant"])
    actions.return_to_applicant(
        application, officers["front_office"], {}, "Tanda tangan", step_no=2
    )
    body = Outbox.objects.get(about=about_file(application.pk), channel="sms").body
    assert "Catatan: Tanda tangan. Rincian: " in body
    assert body.endswith("Kirim ulang di loket.")
    link = re.search(r"https?://\S+", body).group(0)
    path = link.removeprefix(settings.SITE_URL).split("?")[0]
    assert resolve(path).view_name == "permits:track"
