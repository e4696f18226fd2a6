"""A standard's words people read (requirements, SOP steps, the fee, the staffing note,
complaint types) are shown in the page's language where the YAML gives an
`{id: …, en: …}` pair, and in Indonesian where it gives Indonesian only."""

from pathlib import Path

from django.urls import reverse
from django.utils import translation

from loket.standards.schema import load_yaml, validate_standard

FIXTURES = Path(__file__).parent / "fixtures"
SIKTS = Path(__file__).resolve().parents[3] / "standards" / "sikts.yaml"


def test_it_names_requirements_and_steps_in_the_active_language(sikts):
    """SIKTS's diploma and its check step read in Indonesian, and in English on an
    English page."""
    spec = sikts.spec
    with translation.override("id"):
        assert spec.requirements[0].name == "Fotokopi ijazah yang dilegalisir"
        assert spec.step(7).name == "Kepala Dinas Menandatangani Surat Izin Kerja Tenaga Sanitarian"
        assert spec.fee_text == "Tidak dipungut biaya"
        assert spec.staffing_note.startswith("3 orang pejabat struktural")
    with translation.override("en"):
        assert spec.requirements[0].name == "Legalised copy of the diploma"
        assert spec.step(7).name == ("The Head of Office signs the Sanitarian Work Permit")
        assert spec.fee_text == "Free of charge"
        assert spec.staffing_note.startswith("3 structural officials")


def test_the_catalogue_says_what_a_service_costs_in_the_pages_language(client, sikts):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("standards:catalogue")).content.decode()
    assert "Free of charge" in html
    assert "Tidak dipungut" not in html
    client.cookies["django_language"] = "id"
    html = client.get(reverse("standards:catalogue")).content.decode()
    assert "Tidak dipungut biaya" in html


def test_indonesian_only_text_stays_valid_and_shows_in_indonesian(sikts):
    """A standard may still give a requirement's name as plain Indonesian text: it
    loads, and an English page shows that Indonesian (there is nothing else)."""
    data, errors = load_yaml((FIXTURES / "other-service.yaml").read_text())
    assert errors == []
    assert validate_standard(data) == []
    from loket.standards.spec import StandardSpec

    with translation.override("en"):
        names = [r.name for r in StandardSpec(data).requirements]
    assert "Fotokopi Surat Tanda Registrasi (STR) Bidan" in names


def test_a_pair_needs_both_languages():
    """`{id: …}` without `en` is an error with its place, not a page in two languages."""
    data, _errors = load_yaml(SIKTS.read_text())
    data["requirements"][0]["name"] = {"id": "Fotokopi ijazah"}
    data["complaints"]["types"][0]["name"] = {"en": "Requirements"}
    errors = validate_standard(data)
    assert "requirements[0].name: missing required key 'en'" in errors
    assert "complaints.types[0].name: missing required key 'id'" in errors
