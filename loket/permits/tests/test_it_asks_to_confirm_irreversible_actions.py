"""Returning a file, revoking a permit and reprinting a draft cannot be undone: the form
asks for a tick (no JavaScript needed), and without it the action refuses and nothing
changes. The API keeps its own contract."""

from django.conf import settings
from django.urls import reverse

from loket.permits.models import Application, ControlCardEntry


def _post(client, url, data, lang="id"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client.post(url, data, HTTP_ACCEPT_LANGUAGE=lang)


def test_returning_a_file_needs_the_tick(client, officers, application):
    client.force_login(officers["front_office"])
    url = reverse("permits:return", args=[application.pk])
    page = client.get(reverse("permits:detail", args=[application.pk])).content.decode()
    assert 'name="confirm" value="1" required' in page
    assert "Saya yakin mengembalikan berkas ke pemohon." in page
    entries = ControlCardEntry.objects.count()

    refused = _post(client, url, {"step_no": 2, "problem_str": "STR tidak terbaca"})
    assert refused.status_code == 422
    html = refused.content.decode()
    assert "Tindakan ini tidak dapat dibatalkan. Centang konfirmasi lalu kirim lagi." in html
    # What the officer typed is still there.
    assert 'value="STR tidak terbaca"' in html
    refused = _post(client, url, {"step_no": 2, "problem_str": "x"}, "en")
    assert "This action cannot be undone. Tick the confirmation and send again." in (
        refused.content.decode()
    )
    application.refresh_from_db()
    assert application.status == Application.PROCESSING
    assert ControlCardEntry.objects.count() == entries

    done = _post(client, url, {"step_no": 2, "problem_str": "STR tidak terbaca", "confirm": "1"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.RETURNED


def test_revoking_a_permit_needs_the_tick(client, officers, application):
    from loket.testing import advance

    advance(application, officers, 99)
    client.force_login(officers["kepala_dinas"])
    url = reverse("issuance:revoke", args=[application.pk])
    page = client.get(reverse("permits:detail", args=[application.pk])).content.decode()
    assert "Saya yakin mencabut izin ini. Pencabutan tidak dapat dibatalkan." in page
    response = _post(client, url, {"reason": "Data palsu"})
    html = client.get(response["Location"]).content.decode()
    assert "Tindakan ini tidak dapat dibatalkan" in html
    application.permit.refresh_from_db()
    assert application.permit.status != "revoked"
    response = _post(client, url, {"reason": "Data palsu", "confirm": "1"}, "en")
    html = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    number = application.permit.number
    assert f"Permit {number} revoked. Its verification page now says it is revoked" in html
    application.permit.refresh_from_db()
    assert application.permit.status == "revoked"
