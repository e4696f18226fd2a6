"""The "permit ready" SMS and email say where to collect it: the office's street,
city and postal code; an office that has written no street still names its city,
never "Ambil di  dengan KTP asli"."""

from loket.notify.models import Outbox
from loket.testing import advance, file_for, make_applicant


def _ready(office, sikts, officers):
    application = advance(file_for(sikts, make_applicant(office)), officers, 99)
    found = Outbox.objects.filter(template_code="permit_ready")
    return {m.channel: " ".join(m.body.split()) for m in found}, application


def test_an_office_without_a_street_names_its_city(office, sikts, officers):
    office.address, office.postal_code = "", ""
    office.save()
    bodies, _application = _ready(office, sikts, officers)
    assert f"Ambil di {office.city} d" in bodies["sms"]  # "... dengan KTP asli" / "dgn"
    assert "di  " not in bodies["sms"] and ", ," not in bodies["email"]


def test_an_office_with_an_address_gives_all_of_it(office, sikts, officers):
    office.address, office.postal_code = "Jl. Jend. Sudirman No. 464", "28126"
    office.save()
    bodies, _application = _ready(office, sikts, officers)
    assert "Jl. Jend. Sudirman No. 464" in bodies["email"] and "28126" in bodies["email"]
