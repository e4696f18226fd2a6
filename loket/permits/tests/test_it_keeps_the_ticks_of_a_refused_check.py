"""The Front Office ticks some requirements and leaves one out: the check is refused and
says which, and the ticks already given stay ticked on the page that comes back."""

from django.urls import reverse

from loket.permits.models import Application


def test_the_ticks_survive_a_refused_check(client, officers, application):
    client.force_login(officers["front_office"])
    codes = [r.code for r in application.spec.requirements_for(application.kind) if r.mandatory]
    ticked, left_out = codes[:-1], codes[-1]
    response = client.post(
        reverse("permits:complete", args=[application.pk]), {"step_no": 2, "checked": ticked}
    )
    assert response.status_code == 422
    html = response.content.decode()
    for code in ticked:
        assert f'id="checked_{code}" name="checked" value="{code}" checked>' in html
    assert f'id="checked_{left_out}" name="checked" value="{left_out}">' in html
    assert "Centang setiap persyaratan yang lengkap dan benar" in html
    application.refresh_from_db()
    assert application.current_step == 2 and application.status == Application.PROCESSING
