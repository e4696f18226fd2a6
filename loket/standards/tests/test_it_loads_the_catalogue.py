"""The catalogue of standards (standards/*.yaml): every file is valid data, the services
differ in sector and SOP, every form example passes the form's own checks, and each
service runs from filing to hand-over on the same engine, with no code of its own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.permits.actions import format_number
from loket.standards.actions import load_standard
from loket.standards.answers import clean_answers
from loket.standards.samples import sample_answers
from loket.standards.schema import load_yaml, validate_standard
from loket.standards.spec import StandardSpec
from loket.testing import ROOT, advance, file_for, make_applicant, make_officers

FILES = sorted((ROOT / "standards").glob("*.yaml"))


def _data(path):
    data, errors = load_yaml(path.read_text(encoding="utf-8"))
    assert errors == [], errors
    return data


CATALOGUE = {path.stem: _data(path) for path in FILES}


def test_it_has_three_services_at_least():
    """The catalogue holds the sanitarian, the midwife and the advertising permits."""
    assert {"sikts", "sipb", "reklame"} <= set(CATALOGUE)
    assert all(data["code"] == name for name, data in CATALOGUE.items())


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_file_validates(name):
    """Each standard file passes the validator with no error at all."""
    assert validate_standard(CATALOGUE[name]) == []


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_every_file_declares_its_sector_and_kinds(name):
    """Each standard names its sector in both languages and at least one kind."""
    data = CATALOGUE[name]
    assert data["sector"]["id"].strip() and data["sector"]["en"].strip()
    assert data["kinds"] and all(kind["name"]["en"].strip() for kind in data["kinds"])


def test_the_services_differ_in_steps_and_sector():
    """The three services have three different SOPs (numbers of steps) and do not all
    belong to one sector: the engine is not shaped after one of them."""
    services = [CATALOGUE[code] for code in ("sikts", "sipb", "reklame")]
    assert len({len(data["steps"]) for data in services}) == 3
    assert len({data["sector"]["id"] for data in services}) >= 2
    assert len({data["number_format"] for data in services}) == 3
    assert CATALOGUE["reklame"]["sector"] == {
        "id": "Pekerjaan Umum dan Penataan Ruang",
        "en": "Public works and spatial planning",
    }


def _fields_and_kinds():
    for name, data in sorted(CATALOGUE.items()):
        spec = StandardSpec(data)
        kinds = [kind.code for kind in spec.kinds]
        for field in spec.form:
            for kind in kinds:
                if field.asked_for(kind):
                    yield pytest.param(field, kind, id=f"{name}-{field.key}-{kind}")


@pytest.mark.parametrize(("field", "kind"), list(_fields_and_kinds()))
def test_every_example_passes_its_own_field(field, kind):
    """A field's `example` (what the demo files and the API documentation shows) is
    accepted by the same checks an applicant's answer goes through, for every kind the
    field is asked for. Checked against today's date, as the demo files it: a date
    example with `min: today` must lie in the future."""
    assert field.example is not None, f"{field.key} has no example"
    raw = field.example
    if isinstance(raw, datetime.date):
        raw = raw.isoformat()
    answers, errors = clean_answers([field], kind, {field.key: raw}, today=timezone.localdate())
    assert errors == {}
    assert field.key in answers


def test_a_wrong_answer_is_refused_with_the_fields_help():
    """The patterned fields really check: an NPWP of 14 digits and an NIB of 12 are
    refused, and the applicant reads the field's help (how to write it)."""
    sipb = StandardSpec(CATALOGUE["sipb"])
    reklame = StandardSpec(CATALOGUE["reklame"])
    _, errors = clean_answers(sipb.form, "baru", {"npwp": "12345678901234"})
    assert errors["npwp"] == "15 angka (boleh ditulis 99.999.999.9-999.999) atau 16 angka."
    _, errors = clean_answers(reklame.form, "baru", {"nib": "912030123456", "width_cm": "5"})
    assert errors["nib"] == "13 angka, seperti pada NIB dari OSS."
    assert errors["width_cm"] == "Paling kecil 10."


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_the_sample_filing_of_every_kind_is_accepted(name):
    """The demo's answers (examples, else made-up values) pass for every kind, and a
    field that belongs to one kind only is not asked of the others."""
    spec = StandardSpec(CATALOGUE[name])
    today = timezone.localdate()
    for kind in spec.kinds:
        raw = sample_answers(spec, kind.code, today)
        answers, errors = clean_answers(spec.form, kind.code, raw, today=today)
        assert errors == {}, (kind.code, errors)
        assert set(answers) == {f.key for f in spec.fields_for(kind.code)}
    if name == "sipb":
        assert "first_sipb_number" not in sample_answers(spec, "baru", today)
        assert "first_sipb_number" in sample_answers(spec, "sipb-kedua", today)


@pytest.mark.parametrize(
    ("name", "years"),
    [("sikts", None), ("sipb", 5), ("reklame", 1)],
    ids=["sikts", "sipb", "reklame"],
)
def test_each_service_runs_from_filing_to_handover(db, name, years):
    """Loaded side by side in one office, each service takes a file of every kind
    through its own SOP to the hand-over; the permit carries the service's number
    series and is valid as long as its standard says."""
    versions = {path.stem: load_standard(path.read_text(encoding="utf-8"))[0] for path in FILES}
    version = versions[name]
    office = version.service.office
    assert {v.service.office_id for v in versions.values()} == {office.pk}
    officers = make_officers(office)
    applicant = make_applicant(office)
    for kind in version.spec.kinds:
        application = advance(file_for(version, applicant, kind.code), officers, 99)
        assert application.status == "collected", (kind.code, application.status)
        permit = application.permit
        pattern = version.spec.data["number_format"]
        assert permit.number == format_number(pattern, permit.seq, permit.numbered_at)
        issued = timezone.localtime(permit.numbered_at).date()
        if years is not None:
            assert permit.valid_until.year - issued.year == years
        handed = application.card_entries.filter(event="handed_over")
        assert list(handed.values_list("step_no", flat=True)) == list(
            range(1, len(version.spec.steps) + 1)
        )


def test_the_public_catalogue_lists_every_service(client, db):
    """After loading, the public list of services shows each service by its name, and
    each service's page shows its time standard and its first requirement."""
    for path in FILES:
        load_standard(path.read_text(encoding="utf-8"))
    page = client.get(reverse("standards:catalogue")).content.decode()
    for data in CATALOGUE.values():
        assert data["name"] in page
        url = reverse("standards:detail", args=[data["office"], data["code"]])
        detail = client.get(url).content.decode()
        assert f"{data['total_time']['working_days']} hari kerja" in detail
        assert data["requirements"][0]["name"]["id"] in detail
