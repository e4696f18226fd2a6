"""The public catalogue: every service under its sector, searchable by name."""

from pathlib import Path

from django.urls import reverse

from loket.standards.actions import load_standard

FIXTURES = Path(__file__).parent / "fixtures"


def test_it_groups_services_under_their_sector(client, sikts):
    """Each sector is a heading with its services under it."""
    load_standard((FIXTURES / "other-service.yaml").read_text())
    html = client.get(reverse("standards:catalogue")).content.decode()
    assert "<h2>Kesehatan</h2>" in html
    assert "Surat Izin Kerja Tenaga Sanitarian (SIKTS)" in html
    assert "Surat Izin Praktik Bidan (SIPB)" in html


def test_it_finds_a_service_by_words_of_its_name(client, sikts):
    """`q` keeps the services whose name holds every word, case aside."""
    load_standard((FIXTURES / "other-service.yaml").read_text())
    html = client.get(reverse("standards:catalogue"), {"q": "praktik BIDAN"}).content.decode()
    assert "Surat Izin Praktik Bidan (SIPB)" in html
    assert "Tenaga Sanitarian" not in html
    assert '1 layanan untuk "praktik BIDAN".' in html


def test_it_says_when_nothing_matches(client, sikts):
    html = client.get(reverse("standards:catalogue"), {"q": "kapal selam"}).content.decode()
    assert "Tidak ada layanan dengan nama itu." in html
