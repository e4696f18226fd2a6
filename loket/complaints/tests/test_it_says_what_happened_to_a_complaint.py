"""After weighing a complaint the panel says what happened and who acts next, by when
(not "Tersimpan."), in Indonesian and in English."""

from django.conf import settings
from django.urls import reverse

from loket.complaints.tests.helpers import web_complaint


def _weigh(client, complaint, lang):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.post(
        reverse("complaints:weigh", args=[complaint.pk]),
        {"weight": "sedang", "reason": "Perlu bidang teknis"},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    assert response.status_code == 302
    return client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_weighing_names_who_coordinates_next(client, office, officers):
    client.force_login(officers["pengelola_pengaduan"])
    complaint = web_complaint(office)
    html = _weigh(client, complaint, "id")
    assert (
        f"Pengaduan {complaint.ticket}: bobot Sedang ditetapkan. "
        "Menunggu koordinasi: Kepala Bidang, Kepala Dinas. Batas waktu: "
    ) in html
    assert "Tersimpan." not in html
    other = web_complaint(office)
    html = _weigh(client, other, "en")
    assert f"Complaint {other.ticket}: weight " in html and "Awaiting coordination: " in html
