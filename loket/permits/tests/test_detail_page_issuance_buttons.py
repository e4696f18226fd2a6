"""The file page's issuance buttons: each shown to, and working for, its one role only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from loket.core.roles import (
    BACK_OFFICE,
    FRONT_OFFICE,
    KEPALA_DINAS,
    OFFICER_ROLES,
    PENGELOLA_PENGADUAN,
)
from loket.permits.models import Application, ControlCardEntry, Permit
from loket.testing import MINIMAL_PDF, advance

# The complaint desk does not open permit files (loket/accounts/permissions.py FILES).
FILE_ROLES = [role for role in OFFICER_ROLES if role != PENGELOLA_PENGADUAN]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _page(client, application):
    response = client.get(reverse("permits:detail", args=[application.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_lets_only_the_kepala_dinas_revoke_from_the_page(application, officers):
    """Only the Kepala Dinas sees the revoke form; a post by anyone else (or the
    applicant) revokes nothing; his post revokes with the reason."""
    application = advance(application, officers, 9)
    url = reverse("issuance:revoke", args=[application.pk])
    owner = _client(application.applicant.user)
    assert 'id="revoke-form"' not in _page(owner, application)
    owner.post(url, {"reason": "saya sendiri"})
    for role in FILE_ROLES:
        if role == KEPALA_DINAS:
            continue
        client = _client(officers[role])
        assert 'id="revoke-form"' not in _page(client, application), role
        client.post(url, {"reason": "bukan wewenang saya"})
    assert Permit.objects.get(application=application).status == Permit.VALID

    head = _client(officers[KEPALA_DINAS])
    assert 'id="revoke-form"' in _page(head, application)
    response = head.post(url, {"reason": "Data STR palsu", "confirm": "1"})
    assert response.status_code == 302
    permit = Permit.objects.get(application=application)
    assert permit.status == Permit.REVOKED and permit.revoke_reason == "Data STR palsu"
    assert 'id="revoke-form"' not in _page(head, application)  # nothing left to revoke


def test_it_lets_only_the_front_office_record_collection_by_a_proxy(application, officers):
    """At step 9 only the Front Office gets the collection form with the power-of-attorney
    upload; a proxy without one is refused; with one the file closes as collected by
    proxy, and the upload is linked for officers. Other roles' posts change nothing."""
    application = advance(application, officers, 9)
    url = reverse("issuance:collect", args=[application.pk])
    for role in FILE_ROLES:
        if role == FRONT_OFFICE:
            continue
        client = _client(officers[role])
        assert 'name="proxy"' not in _page(client, application), role
        client.post(url, {"step_no": 9, "received_by": application.applicant.full_name})
    assert Application.objects.get(pk=application.pk).status == Application.READY

    front = _client(officers[FRONT_OFFICE])
    page = _page(front, application)
    assert 'enctype="multipart/form-data"' in page and 'name="proxy"' in page
    front.post(url, {"step_no": 9, "received_by": "Andi (suami)"})
    assert Application.objects.get(pk=application.pk).status == Application.READY

    kuasa = SimpleUploadedFile("surat-kuasa.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = front.post(url, {"step_no": 9, "received_by": "Andi (suami)", "proxy": kuasa})
    assert response.status_code == 302
    application.refresh_from_db()
    permit = Permit.objects.get(application=application)
    assert application.status == Application.COLLECTED
    assert (permit.collected_via, permit.collected_by) == ("proxy", "Andi (suami)")
    proxy_url = reverse("issuance:proxy_document", args=[application.pk])
    assert proxy_url in _page(front, application)
    assert front.get(proxy_url).status_code == 200


@pytest.mark.parametrize("step_no", [4, 7])
def test_it_lets_only_the_back_office_redraft_during_initials_and_signature(
    application, officers, step_no
):
    """From step 4 to 7 only the Back Office sees the redraft form; another role's post
    leaves the file where it is; the Back Office's sends it back to step 4."""
    application = advance(application, officers, step_no)
    url = reverse("issuance:redraft", args=[application.pk])
    for role in FILE_ROLES:
        if role == BACK_OFFICE:
            continue
        client = _client(officers[role])
        assert 'id="redraft-form"' not in _page(client, application), role
        client.post(url, {"reason": "bukan wewenang saya"})
    application.refresh_from_db()
    assert application.current_step == step_no
    assert not application.card_entries.filter(event=ControlCardEntry.REDRAFTED).exists()

    back = _client(officers[BACK_OFFICE])
    assert 'id="redraft-form"' in _page(back, application)
    response = back.post(url, {"reason": "Alamat tempat kerja salah", "confirm": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.current_step == 4
    entry = application.card_entries.get(event=ControlCardEntry.REDRAFTED)
    assert entry.details["reason"] == "Alamat tempat kerja salah"


def test_it_offers_no_redraft_before_the_initials_or_after_numbering(application, officers):
    """Before the draft is initialled (step 3) or once numbered, the Back Office has no
    redraft form and a post is refused."""
    back = _client(officers[BACK_OFFICE])
    for upto in (3, 9):
        application = advance(application, officers, upto)
        assert 'id="redraft-form"' not in _page(back, application)
        back.post(reverse("issuance:redraft", args=[application.pk]), {"reason": "coba"})
        application.refresh_from_db()
        assert application.current_step == upto
