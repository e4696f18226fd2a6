"""What Open311 publishes of a complaint has NIKs, phone numbers and email addresses
typed into its free text redacted; the complaint form says what becomes public."""

from loket.complaints.models import Complaint
from loket.lib.masks import redact_personal

BASE = "/api/v1/complaints/open311"
TEXT = (
    "Petugas meminta saya datang lagi. Hubungi 0812-3456-7890 atau +62 812 3456 7891, "
    "email siti.aminah@example.org, NIK saya 1471010101900001. Izin 503/12/2024."
)


def test_open311_redacts_nik_phone_and_email_from_the_description(client, office):
    """A published (internet, not confidential) complaint: the description reaches
    Open311 without the NIK, phone numbers or email, and keeps everything else."""
    filed = client.post(
        f"{BASE}/requests.json", {"service_code": "waktu", "description": TEXT, "email": "a@b.id"}
    )
    assert filed.status_code == 201
    ticket = filed.json()[0]["service_request_id"]
    assert Complaint.objects.get(ticket=ticket).description == TEXT  # the office keeps it
    listed = client.get(f"{BASE}/requests.json").json()
    published = next(r for r in listed if r["service_request_id"] == ticket)["description"]
    for secret in ("0812-3456-7890", "812 3456 7891", "siti.aminah", "1471010101900001"):
        assert secret not in published
    assert "Petugas meminta saya datang lagi" in published and "503/12/2024" in published
    one = client.get(f"{BASE}/requests/{ticket}.json").json()[0]["description"]
    assert one == published


def test_redaction_catches_grouped_numbers_and_leaves_dates_and_amounts():
    """A NIK typed 6-6-4, a phone with dots; dates, amounts and permit numbers stay."""
    text = "NIK 147101 010190 0001, HP 0812.3456.7890, tgl 12-03-2024, Rp 1.500.000"
    assert redact_personal(text) == "NIK [NIK], HP [telepon], tgl 12-03-2024, Rp 1.500.000"


def test_the_complaint_form_says_what_becomes_public(client, office):
    """In Indonesian and English."""
    page = client.get("/pengaduan/").content.decode()
    assert "Yang dipublikasikan" in page and "disamarkan" in page
    client.cookies["django_language"] = "en"
    english = client.get("/pengaduan/").content.decode()
    assert "What is published" in english
