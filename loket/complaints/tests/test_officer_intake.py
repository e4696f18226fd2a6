import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.complaints.models import FAKS, INTERNET, LANGSUNG, SURAT, TELEPON, Complaint
from loket.complaints.tests.helpers import recorded
from loket.core.errors import NotAllowed
from loket.testing import MINIMAL_PDF, jpeg_bytes


def test_it_lets_the_desk_record_counter_letter_phone_and_fax_complaints(client, office, officers):
    """Each officer-recorded channel keeps identity and contacts as given, with a scan."""
    client.force_login(officers["pengelola_pengaduan"])
    for channel in (LANGSUNG, SURAT, TELEPON, FAKS):
        response = client.post(
            "/pengaduan/catat/",
            {
                "channel": channel,
                "type": "petugas",
                "description": f"Pengaduan lewat {channel}.",
                "name": "Pak Harun",
                "address": "Jl. Arifin Achmad 5",
                "phone": "0761-123456",
                "fax": "0761-654321",
                "attachments": [SimpleUploadedFile("surat.jpg", jpeg_bytes())],
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(Complaint.objects.values_list("channel", flat=True)) == sorted(
        [LANGSUNG, SURAT, TELEPON, FAKS]
    )
    for c in Complaint.objects.all():
        assert c.name == "Pak Harun" and c.fax == "0761-654321"
        assert c.created_by == officers["pengelola_pengaduan"]
        assert c.attachments.get().kind == "jpeg"


def test_it_lets_the_front_office_record_a_counter_complaint(office, officers):
    """A complaint met at the counter may be recorded by the Front Office too."""
    c = recorded(office, officers["front_office"], LANGSUNG)
    assert c.channel == LANGSUNG


def test_it_refuses_officer_channels_to_others(client, office, officers, applicant):
    """A citizen or another role cannot record a counter/letter complaint."""
    with pytest.raises(NotAllowed):
        recorded(office, officers["kepala_dinas"], SURAT)
    with pytest.raises(NotAllowed):
        recorded(office, applicant.user, TELEPON)
    client.force_login(applicant.user)
    assert client.get("/pengaduan/catat/").status_code == 404
    client.force_login(officers["pengelola_pengaduan"])
    client.post("/pengaduan/catat/", {"channel": INTERNET, "type": "lainnya", "description": "x"})
    assert not Complaint.objects.exists()


def test_it_keeps_a_scanned_letter(office, officers):
    """The letter's scan (PDF) is stored with the complaint."""
    from loket.complaints.actions import Upload

    c = recorded(
        office,
        officers["pengelola_pengaduan"],
        SURAT,
        uploads=[Upload(name="surat.pdf", data=MINIMAL_PDF)],
    )
    assert c.attachments.get().original_name == "surat.pdf"
