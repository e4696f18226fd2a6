"""Online filing has a check-your-answers page: the answers are shown with "Change"
buttons and nothing is stored (no file, no number, no document) until confirmed."""

import re

from django.urls import reverse

from loket.permits.models import Application, Document
from loket.permits.tests.filing_helpers import filled_form
from loket.testing import PASSWORD


def _hidden(html):
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))


def _stored_files(settings):
    from pathlib import Path

    return [p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()]


def test_it_shows_the_answers_and_stores_nothing_until_confirmed(
    client, sikts, applicant, settings
):
    """The check page lists every answer as the standard labels it and each document
    chosen; only the final "Kirim permohonan" files the application."""
    client.login(username=applicant.user.username, password=PASSWORD)
    url = reverse("permits:apply", args=[sikts.service.pk])
    form = filled_form(sikts.spec)
    page = client.post(url, form)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Periksa jawaban Anda sebelum mengirim" in html
    for field in sikts.spec.fields_for("baru"):
        assert field.label in html, field.key
    assert str(form[sikts.spec.fields_for("baru")[0].key]) in html
    assert html.count('name="change"') >= len(sikts.spec.fields_for("baru"))
    for req in sikts.spec.requirements_for("baru"):
        if req.mandatory:
            assert req.name in html, req.code
    assert not Application.objects.exists() and not Document.objects.exists()
    assert _stored_files(settings) == []

    filed = client.post(url, {**_hidden(html), "confirm": "1"})
    application = Application.objects.get()
    assert filed["Location"] == reverse("permits:receipt", args=[application.pk]) + "?baru=1"
    mandatory = [r for r in sikts.spec.requirements_for("baru") if r.mandatory]
    assert application.documents.count() == len(mandatory)


def test_it_goes_back_to_the_form_filled_in_with_the_documents_kept(client, sikts, applicant):
    """ "Ubah" returns to the filled form; the documents stay attached and are filed."""
    client.login(username=applicant.user.username, password=PASSWORD)
    url = reverse("permits:apply", args=[sikts.service.pk])
    form = filled_form(sikts.spec)
    check = client.post(url, form).content.decode()
    first = sikts.spec.fields_for("baru")[0]
    back = client.post(url, {**_hidden(check), "change": first.key}).content.decode()
    assert f'value="{form[first.key]}"' in back
    assert "Sudah terlampir:" in back
    assert not Application.objects.exists()
    # Submitting the form again without choosing the files again keeps them.
    answers = {k: v for k, v in form.items() if not k.startswith("doc_")}
    carried = {k: v for k, v in _hidden(back).items() if k == "held" or k.startswith("held_")}
    again = client.post(url, {**answers, **carried, "csrfmiddlewaretoken": "x"})
    assert "Periksa jawaban Anda sebelum mengirim" in again.content.decode()
    client.post(url, {**_hidden(again.content.decode()), "confirm": "1"})
    mandatory = [r for r in sikts.spec.requirements_for("baru") if r.mandatory]
    assert Application.objects.get().documents.count() == len(mandatory)


def test_it_refuses_a_changed_payload_or_document(client, sikts, applicant, settings):
    """A payload or a carried document changed in the browser is a 400; nothing is
    stored."""
    client.login(username=applicant.user.username, password=PASSWORD)
    url = reverse("permits:apply", args=[sikts.service.pk])
    hidden = _hidden(client.post(url, filled_form(sikts.spec)).content.decode())
    forged = {**hidden, "payload": hidden["payload"][:-2] + "xx", "confirm": "1"}
    assert client.post(url, forged).status_code == 400
    name = next(k for k in hidden if k.startswith("held_"))
    swapped = {**hidden, name: "JVBERi0xLjQK", "confirm": "1"}
    response = client.post(url, swapped)
    assert response.status_code == 400
    assert "rusak atau diubah" in response.content.decode()
    assert not Application.objects.exists() and _stored_files(settings) == []
