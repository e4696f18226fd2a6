"""The Front Office registers a walk-in applicant and files the scanned documents."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.permits.models import Application, ControlCardEntry
from loket.testing import uploads_for

IDENTITY = {
    "p-full_name": "Rahmat Hidayat",
    "p-nik": "1471021507880003",
    "p-birth_place": "Kampar",
    "p-birth_date": "1988-07-15",
    "p-sex": "L",
    "p-address": "Jl. Arifin Ahmad 5",
    "p-phone": "081370001234",
    "p-consent": "on",
}


def _form(sikts):
    form = dict(IDENTITY)
    form |= {
        "a-kind": "baru",
        "a-workplace_name": "RS Awal Bros",
        "a-workplace_address": "Jl. Sudirman",
        "a-str_number": "KTS 9",
    }
    for up in uploads_for(sikts.spec):
        form[f"a-doc_{up.requirement}"] = SimpleUploadedFile(up.name, up.data)
    return form


def test_it_files_a_walk_in_application(client, sikts, officers):
    """The file starts at step 2 with the FO recorded as having received it at the counter."""
    client.force_login(officers["front_office"])
    response = client.post(reverse("permits:counter"), _form(sikts))
    assert response.status_code == 302, response.content.decode()[:3000]
    application = Application.objects.get()
    assert application.channel == Application.COUNTER
    assert application.applicant.user is None
    filed = application.card_entries.get(event=ControlCardEntry.FILED)
    assert filed.officer == officers["front_office"] and filed.role == "front_office"


def test_it_lets_only_the_front_office_use_the_counter(client, sikts, officers):
    """Other roles cannot reach the counter page."""
    client.force_login(officers["back_office"])
    assert client.get(reverse("permits:counter")).status_code == 404
    assert client.post(reverse("permits:counter"), _form(sikts)).status_code == 404
    assert not Application.objects.exists()
