"""The one-month letter names its addressee and their address: when the holder's
retention period ends, the letter keeps its number and reference, the addressee
becomes "Pemohon #id" and the address is cleared (notify's table, at the permits
rule's request); the list of letters shows it so."""

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.accounts.retention import apply_office_retention
from loket.notify.models import Letter
from loket.permits import actions
from loket.permits.issuance import send_uncollected_letters
from loket.permits.models import Application, Permit
from loket.testing import advance, file_for, make_applicant


def test_it_clears_the_addressee_of_a_letter_past_retention(
    sikts, office, officers, django_capture_on_commit_callbacks
):
    applicant = make_applicant(office, name="Siti Lama")
    ready = advance(file_for(sikts, applicant), officers, 9)
    finished = timezone.make_aware(dt.datetime(2027, 1, 5, 10, 0))
    Application.objects.filter(pk=ready.pk).update(completed_at=finished)
    (letter,) = send_uncollected_letters(today=dt.date(2027, 3, 1))
    assert (letter.addressee, letter.reference) == ("Siti Lama", ready.permit.number)
    assert letter.address == applicant.address and letter.address
    ready.refresh_from_db()
    closed = actions.complete_step(ready, officers["front_office"], 9, received_by="Siti Lama")
    Permit.objects.filter(application=closed).update(valid_until=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        later = timezone.now() + dt.timedelta(days=round(6 * 365.25))
        assert apply_office_retention(office, now=later).applicants == 1
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.addressee == f"Pemohon #{applicant.pk}" and letter.address == ""
    assert letter.reference == ready.permit.number and letter.number
    back = Client()
    back.force_login(officers["back_office"])
    page = back.get(reverse("notify:letters")).content.decode()
    assert f"Pemohon #{applicant.pk}" in page and "Siti Lama" not in page
