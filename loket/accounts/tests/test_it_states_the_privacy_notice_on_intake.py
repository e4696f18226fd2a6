"""Intake forms state the purpose and the office's retention period, and record the
acknowledgement: online registration, the counter (the Front Office confirms the
applicant was told) and the complaint forms (where it is optional, like identity)."""

from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from loket.accounts.models import Applicant
from loket.accounts.privacy import COUNTER_ACK, applicant_notice, complaint_notice
from loket.complaints.antispam import stamp
from loket.complaints.models import Complaint
from loket.testing import uploads_for

REGISTRATION = {
    "full_name": "Siti Aminah",
    "nik": "1471055203900002",
    "birth_place": "Pekanbaru",
    "birth_date": "1990-03-12",
    "sex": "P",
    "address": "Jl. Sudirman 10",
    "phone": "0812-3456-7890",
    "consent": "on",
    "password1": "Sanitarian-2026!",
    "password2": "Sanitarian-2026!",
}


def _seven_years(office):
    office.retention_years = 7
    office.save(update_fields=["retention_years"])


def test_it_quotes_the_offices_retention_period_on_registration(client, office):
    """The notice names the purpose, the law and the office's own retention period."""
    _seven_years(office)
    page = client.get(reverse("accounts:register")).content.decode()
    assert "7 tahun" in page and "5 tahun" not in page
    assert "UU 27/2022" in page and "Pasal 20" in page
    assert office.name in page


def test_it_records_the_notice_the_applicant_acknowledged(client, office):
    """The acknowledgement is stored with its time and the exact text shown."""
    _seven_years(office)
    client.post(reverse("accounts:register"), REGISTRATION)
    applicant = Applicant.objects.get()
    assert applicant.consented_at is not None
    assert applicant.consent_notice == applicant_notice(office)
    assert "7 tahun" in applicant.consent_notice


def test_it_refuses_registration_without_the_acknowledgement(client, office):
    """Without the box ticked nothing is registered."""
    data = {k: v for k, v in REGISTRATION.items() if k != "consent"}
    response = client.post(reverse("accounts:register"), data)
    assert response.status_code == 200 and not Applicant.objects.exists()


def _counter_form(sikts, consent=True):
    form = {
        "p-full_name": "Rahmat Hidayat",
        "p-nik": "1471021507880003",
        "p-birth_place": "Kampar",
        "p-birth_date": "1988-07-15",
        "p-sex": "L",
        "p-address": "Jl. Arifin Ahmad 5",
        "p-phone": "081370001234",
        "a-kind": "baru",
        "a-workplace_name": "RS Awal Bros",
        "a-workplace_address": "Jl. Sudirman",
        "a-str_number": "KTS 9",
    }
    if consent:
        form["p-consent"] = "on"
    for up in uploads_for(sikts.spec):
        form[f"a-doc_{up.requirement}"] = SimpleUploadedFile(up.name, up.data)
    return form


def test_it_shows_the_notice_at_the_counter_and_records_the_fos_confirmation(
    client, sikts, office, officers
):
    """The counter shows the same notice; the FO confirms the applicant was told; the
    walk-in's record keeps the notice; without the confirmation nothing is filed."""
    _seven_years(office)
    client.force_login(officers["front_office"])
    page = client.get(reverse("permits:counter")).content.decode()
    assert str(COUNTER_ACK) in page and "7 tahun" in page
    refused = client.post(reverse("permits:counter"), _counter_form(sikts, consent=False))
    assert refused.status_code == 200 and not Applicant.objects.exists()
    response = client.post(reverse("permits:counter"), _counter_form(sikts))
    assert response.status_code == 302
    walk_in = Applicant.objects.get()
    assert walk_in.consent_notice == applicant_notice(office)


def test_it_states_the_purpose_on_the_complaint_forms(client, office, officers):
    """The public and the desk's complaint forms state purpose and retention; the
    acknowledgement is optional and recorded when given."""
    _seven_years(office)
    page = client.get(reverse("complaints:new")).content.decode()
    assert complaint_notice(office) in page.replace("&#x27;", "'")
    assert "7 tahun" in page
    base = {"type": "lainnya", "description": "Antrean lama.", "stamp": stamp()}
    # The form's time-stamp check wants a human's pause; the notice is what is tested.
    with mock.patch("loket.complaints.antispam.problem", return_value=None):
        client.post(reverse("complaints:new"), base)
        client.post(reverse("complaints:new"), base | {"privacy_ack": "on", "name": "Ani"})
    complaints = list(Complaint.objects.order_by("pk"))
    assert len(complaints) == 2
    assert complaints[0].privacy_acknowledged_at is None
    assert complaints[1].privacy_acknowledged_at is not None
    client.force_login(officers["pengelola_pengaduan"])
    desk = client.get(reverse("complaints:record")).content.decode()
    assert "7 tahun" in desk and "Pengadu telah diberi tahu" in desk
