"""An officer acts on a file not yet received: the page offers the action directly, and
the control card records the receipt (paraf) and the hand-over as two moments of one
transaction; taking the file first stays possible, and looking never writes."""

from django.urls import reverse

from loket.audit.models import AuditEvent
from loket.permits.models import ControlCardEntry, Task


def test_it_records_receipt_and_action_together(client, officers, application):
    fo = officers["front_office"]
    client.force_login(fo)
    url = reverse("permits:detail", args=[application.pk])
    entries = ControlCardEntry.objects.count()
    html = client.get(url).content.decode()
    assert ControlCardEntry.objects.count() == entries  # GET never writes
    assert 'id="pass-file"' in html and "Terima berkas dulu" in html
    checked = [r.code for r in application.spec.requirements_for(application.kind)]
    response = client.post(
        reverse("permits:complete", args=[application.pk]), {"step_no": 2, "checked": checked}
    )
    assert response.status_code == 302
    step2 = list(ControlCardEntry.objects.filter(application=application, step_no=2).order_by("pk"))
    assert [e.event for e in step2] == [ControlCardEntry.RECEIVED, ControlCardEntry.HANDED_OVER]
    assert step2[0].at == step2[1].at and {e.officer_id for e in step2} == {fo.pk}
    assert Task.objects.get(application=application, step_no=2).received_by_id == fo.pk
    # One audit record for the one action.
    assert AuditEvent.objects.filter(action="permits.complete_step").count() == 1


def test_it_still_lets_an_officer_take_the_file_first(client, officers, application):
    client.force_login(officers["front_office"])
    response = client.post(reverse("permits:receive", args=[application.pk]), {"step_no": 2})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert f"Berkas {application.reg_number} Anda terima" in html
    assert "Terima berkas dulu" not in html and 'id="pass-file"' in html
