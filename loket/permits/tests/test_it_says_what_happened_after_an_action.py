"""After each officer action the panel says what happened and what comes next (who has
the file now and by when), not merely "Tersimpan.", in Indonesian and in English."""

from django.conf import settings
from django.urls import reverse

from loket.permits.models import Task
from loket.permits.outcomes import when


def _follow(client, response, lang):
    return client.get(response["Location"], HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_passing_a_file_on_names_the_next_officer_and_deadline(client, officers, application):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    client.force_login(officers["front_office"])
    checked = [r.code for r in application.spec.requirements_for(application.kind)]
    response = client.post(
        reverse("permits:complete", args=[application.pk]), {"step_no": 2, "checked": checked}
    )
    html = _follow(client, response, "id")
    task = Task.objects.get(application=application, closed_at__isnull=True)
    assert (
        f"Berkas {application.reg_number} diteruskan ke Petugas Back Office untuk langkah 3: "
        f"Cetak blanko. Batas waktu: {when(task.due_at)}." in html
    )
    assert "Tersimpan." not in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(officers["back_office"])
    response = client.post(
        reverse("permits:complete", args=[application.pk]),
        {"step_no": 3},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = _follow(client, response, "en")
    assert f"File {application.reg_number} passed on to " in html
    assert "for step 4: Initial (JF Ahli Muda). Deadline: " in html


def test_returning_a_file_says_the_applicant_is_told(client, officers, application):
    client.force_login(officers["front_office"])
    response = client.post(
        reverse("permits:return", args=[application.pk]),
        {"step_no": 2, "note": "Foto buram", "confirm": "1"},
    )
    html = _follow(client, response, "id")
    assert f"Berkas {application.reg_number} dikembalikan ke pemohon." in html
