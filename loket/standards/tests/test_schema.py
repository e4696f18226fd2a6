"""The service-standard schema: the SIKTS standard file, the fixtures, every check."""

import copy
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loket.standards.schema import (
    COMPONENT_GROUPS,
    COMPONENT_KEYS,
    KNOWN_ROLES,
    STEP_KINDS,
    load_yaml,
    validate_standard,
)

FIXTURES = Path(__file__).parent / "fixtures"
SIKTS = Path(__file__).resolve().parents[3] / "standards" / "sikts.yaml"


def _load(path):
    data, errors = load_yaml(path.read_text(encoding="utf-8"))
    assert errors == []
    return data


@pytest.fixture(scope="module")
def sikts_data():
    return _load(SIKTS)


@pytest.fixture
def sikts(sikts_data):
    """A fresh copy of the SIKTS standard that a test may change."""
    return copy.deepcopy(sikts_data)


# ------------------------------------------------------------------- SIKTS file


def test_it_accepts_the_sikts_standard(sikts):
    """standards/sikts.yaml validates with no error at all."""
    assert validate_standard(sikts) == []


def test_it_keeps_the_sikts_sop_as_nine_steps(sikts):
    """The SIKTS SOP has the source's nine steps, actors, kinds and time standards."""
    steps = sikts["steps"]
    assert [s["no"] for s in steps] == list(range(1, 10))
    assert [(s["kind"], s["role"], s["time"]) for s in steps] == [
        ("submission", "front_office", {"minutes": 3}),
        ("check", "front_office", {"minutes": 35}),
        ("draft", "back_office", {"minutes": 3}),
        ("initial", "jf_ahli_muda", {"minutes": 5}),
        ("initial", "jf_ahli_madya", {"minutes": 10}),
        ("initial", "sekretaris", {"minutes": 10}),
        ("sign", "kepala_dinas", {"working_days": 1}),
        ("number", "back_office", {"minutes": 3}),
        ("handover", "front_office", {"minutes": 1}),
    ]
    assert [s.get("returns_to_applicant", False) for s in steps] == [False, True] + [False] * 7
    assert steps[0]["with_roles"] == ["pemohon"]
    assert steps[8]["with_roles"] == ["pemohon"]
    assert sikts["total_time"] == {"working_days": 2}


def test_it_keeps_all_fourteen_sikts_components_in_order(sikts):
    """SIKTS has the 14 components once each, in PermenPANRB order, with text."""
    components = sikts["components"]
    assert [c["key"] for c in components] == list(COMPONENT_KEYS)
    assert all(c["group"] == COMPONENT_GROUPS[c["key"]] for c in components)
    assert all(c["text"].strip() for c in components)
    by_key = {c["key"]: c for c in components}
    assert len(by_key["dasar_hukum"]["items"]) == 4
    assert "Nomor 90 Tahun 2022" in by_key["dasar_hukum"]["items"][3]
    assert len(by_key["sarana"]["items"]) == 10
    assert "kartu kendali" in by_key["pengawasan_internal"]["text"]
    assert "setahun sekali" in by_key["evaluasi_kinerja"]["text"]


def test_it_lists_the_sikts_requirements(sikts):
    """SIKTS asks for the Permenkes 32/2013 documents; the old SIKTS only on renewal."""
    requirements = {r["code"]: r for r in sikts["requirements"]}
    both = ["baru", "perpanjangan"]
    for code in ["ijazah", "str", "surat-sehat", "tempat-kerja", "rekomendasi-hakli", "ktp"]:
        assert requirements[code]["mandatory"] is True
        assert requirements[code]["applies_to"] == both
        assert requirements[code]["file_types"] == ["pdf", "jpeg", "png"]
    assert requirements["pas-foto"]["file_types"] == ["jpeg", "png"]
    assert requirements["pas-foto"]["mandatory"] is True
    assert requirements["sikts-lama"]["applies_to"] == ["perpanjangan"]
    assert requirements["sikts-lama"]["mandatory"] is True
    assert requirements["persetujuan-atasan"]["mandatory"] is False
    assert "legalisir" in requirements["ijazah"]["name"]["id"]
    assert "SIP" in requirements["surat-sehat"]["name"]["id"]
    assert "HAKLI" in requirements["rekomendasi-hakli"]["name"]["id"]


def test_it_keeps_the_sikts_service_data(sikts):
    """Staffing, fee, product, number format, complaints and survey of SIKTS."""
    assert sikts["staffing"]["total"] == 5
    assert sum(r["count"] for r in sikts["staffing"]["roles"]) == 5
    assert "tim teknis" in sikts["staffing"]["note"]["id"]
    assert sikts["fee"]["amount"] == 0
    assert sikts["product"]["validity"] == {"rule": "until_field", "field": "str_valid_until"}
    assert sikts["number_format"] == "503/{seq:04d}/DPMPTSP-SIKTS/{year}"
    assert sikts["number_format"].format(seq=7, year=2024, month=3) == "503/0007/DPMPTSP-SIKTS/2024"
    weights = sikts["complaints"]["weights"]
    assert [weights[w]["deadline_working_days"] for w in ("ringan", "sedang", "berat")] == [
        2,
        5,
        14,
    ]
    types = sikts["complaints"]["types"]
    assert [t["code"] for t in types] == [
        "persyaratan",
        "prosedur",
        "waktu",
        "biaya",
        "produk",
        "petugas",
        "sarana",
        "lainnya",
    ]
    assert types[2]["name"] == {"id": "Waktu penyelesaian", "en": "Completion time"}
    assert sikts["survey"] == {"period": "yearly"}


# -------------------------------------------------------------------- fixtures


def test_it_accepts_another_service_with_a_different_sop():
    """other-service.yaml (five steps, check at step 3, no number step) validates."""
    data = _load(FIXTURES / "other-service.yaml")
    assert validate_standard(data) == []
    assert [s["kind"] for s in data["steps"]] == [
        "submission",
        "initial",
        "check",
        "sign",
        "handover",
    ]
    assert data["steps"][2]["returns_to_applicant"] is True
    assert data["total_time"] == {"working_days": 1}
    assert "types" not in data["complaints"]  # optional: the default types apply


def test_it_reports_every_error_of_a_broken_file():
    """broken.yaml yields each of its deliberate errors, and nothing else."""
    errors = validate_standard(_load(FIXTURES / "broken.yaml"))
    expected = [
        "components: missing component 'sarana'",
        "requirements[0].file_types[1]: unknown file type 'docx' (expected one of: pdf, jpeg, png)",
        "steps[0].colour: unknown key",
        "steps[3].role: unknown role 'kadis2'",
        "steps[4].no: expected 5, got 6",
        "steps[4].time.minutes: must be a positive whole number, got 0",
        "total_time: must be {minutes: N} or {working_days: N}",
        "product.validity: missing required key 'years' (rule is 'years')",
        "number_format: unknown placeholder {foo}",
        "survey.period: unknown survey period 'monthly' "
        "(expected one of: yearly, semester, quarter)",
    ]
    for message in expected:
        assert message in errors
    assert sorted(errors) == sorted(expected)


# ------------------------------------------------------------------------ YAML


def test_it_reports_a_yaml_syntax_error_with_its_line_and_column():
    """A YAML syntax error becomes one '(yaml) line L, column C: ...' error, no data."""
    text = "code: sikts\nname: SIKTS\nsteps:\n  - no: 1\n   kind: [submission\n"
    data, errors = load_yaml(text)
    assert data is None
    assert len(errors) == 1
    assert errors[0].startswith("(yaml) line 5, column ")


def test_it_reports_a_bad_indent_at_its_line():
    """A mapping value where none may stand is reported at its line and column."""
    data, errors = load_yaml("code: sikts\nname: a: b\n")
    assert data is None
    assert errors == ["(yaml) line 2, column 8: mapping values are not allowed here"]


def test_it_reports_a_repeated_key():
    """A key written twice in one mapping is an error (PyYAML would keep the last)."""
    data, errors = load_yaml("code: sikts\nsurvey:\n  period: yearly\n  period: quarter\n")
    assert data is None
    assert errors == ["(yaml) line 4, column 3: duplicate key 'period'"]


def test_it_reads_the_step_key_no_as_a_string():
    """`no:` stays the key "no" (YAML 1.2 booleans); only true/false are booleans."""
    data, errors = load_yaml("steps:\n  - no: 1\nflag: yes\nother: false\n")
    assert errors == []
    assert data == {"steps": [{"no": 1}], "flag": "yes", "other": False}


def test_it_reports_an_impossible_date_as_a_yaml_error():
    """A value YAML reads as a date but cannot build (month 13) is an error, not a crash."""
    data, errors = load_yaml("version_label: 2024-13-45\n")
    assert data is None
    assert errors[0].startswith("(yaml) ")


def test_it_names_a_non_mapping_document():
    """An empty file or a list at the top is reported at (root)."""
    assert validate_standard(load_yaml("")[0]) == ["(root): expected a mapping, got null"]
    assert validate_standard([1]) == ["(root): expected a mapping, got list"]


# ---------------------------------------------------------------- each check


def test_it_reports_missing_and_unknown_top_level_keys(sikts):
    """A missing required key and an unknown key are both reported."""
    del sikts["fee"]
    sikts["colour"] = "blue"
    assert validate_standard(sikts) == ["(root): missing required key 'fee'", "colour: unknown key"]


def test_it_checks_slugs_and_strings(sikts):
    """code and office must be slugs; a year written unquoted is not a string."""
    sikts["code"] = "SIKTS baru"
    sikts["office"] = "dpmptsp--pekanbaru"
    sikts["version_label"] = 2024
    assert validate_standard(sikts) == [
        "code: 'SIKTS baru' is not a slug (lowercase letters, digits and single hyphens)",
        "office: 'dpmptsp--pekanbaru' is not a slug (lowercase letters, digits and single hyphens)",
        "version_label: expected a string, got integer",
    ]


def test_it_requires_roles_to_be_declared(sikts):
    """A known role that the standard does not declare in `roles` is an error."""
    sikts["roles"] = [r for r in sikts["roles"] if r["code"] != "sekretaris"]
    assert validate_standard(sikts) == [
        "staffing.roles[2].role: role 'sekretaris' is not declared in roles",
        "steps[5].role: role 'sekretaris' is not declared in roles",
    ]


def test_it_rejects_unknown_and_duplicate_declared_roles(sikts):
    """roles[].code must be a known role code, each declared once."""
    sikts["roles"].append({"code": "kadis2", "name": "X"})
    sikts["roles"].append({"code": "front_office", "name": "Y"})
    errors = validate_standard(sikts)
    assert errors[0].startswith("roles[9].code: unknown role 'kadis2' (expected one of: pemohon")
    assert errors[1:] == ["roles[10].code: duplicate role 'front_office'"]


def test_it_checks_with_roles(sikts):
    """Every role in with_roles is known and declared."""
    sikts["steps"][8]["with_roles"] = ["pemohon", "satpam"]
    assert validate_standard(sikts) == ["steps[8].with_roles[1]: unknown role 'satpam'"]


def test_it_does_not_let_the_applicant_hold_a_step(sikts):
    """role: pemohon would leave a task no officer can act on."""
    sikts["steps"][8]["role"] = "pemohon"
    errors = validate_standard(sikts)
    assert len(errors) == 1
    assert errors[0].startswith("steps[8].role: the applicant cannot hold a step")


def test_it_reports_every_misnumbered_step(sikts):
    """Steps are numbered 1..n; each wrong number names the one expected."""
    sikts["steps"][4]["no"] = 7
    sikts["steps"][5]["no"] = "6"
    assert validate_standard(sikts) == [
        "steps[4].no: expected 5, got 7",
        "steps[5].no: expected 6, got '6'",
    ]


def test_it_rejects_an_unknown_step_kind(sikts):
    """A step kind outside STEP_KINDS is named in the error."""
    sikts["steps"][2]["kind"] = "print"
    assert validate_standard(sikts) == [
        "steps[2].kind: unknown step kind 'print' (expected one of: " + ", ".join(STEP_KINDS) + ")"
    ]


def test_it_allows_returns_to_applicant_only_on_a_check(sikts):
    """returns_to_applicant: true on a non-check step is an error; false is harmless."""
    sikts["steps"][3]["returns_to_applicant"] = True
    sikts["steps"][4]["returns_to_applicant"] = False
    assert validate_standard(sikts) == [
        "steps[3].returns_to_applicant: allowed only on a 'check' step, not on a 'initial' step"
    ]


def test_it_requires_one_submission_step_first(sikts):
    """Exactly one submission step, and it is the first."""
    sikts["steps"][0]["kind"] = "check"
    sikts["steps"][2]["kind"] = "submission"
    sikts["steps"][4]["kind"] = "submission"
    assert validate_standard(sikts) == [
        "steps[2].kind: the 'submission' step must be the first step",
        "steps[4].kind: only one 'submission' step is allowed (already at steps[2])",
    ]


def test_it_requires_a_submission_step(sikts):
    """A standard without a submission step cannot receive files."""
    sikts["steps"][0]["kind"] = "check"
    assert validate_standard(sikts) == ["steps: needs exactly one 'submission' step, found none"]


def test_it_allows_at_most_one_number_step(sikts):
    """A permit is numbered once."""
    sikts["steps"][2]["kind"] = "number"
    assert validate_standard(sikts) == [
        "steps[7].kind: at most one 'number' step is allowed (already at steps[2])"
    ]


def test_it_checks_time_values(sikts):
    """Times are {minutes: N} (whole) or {working_days: N}, positive."""
    sikts["steps"][0]["time"] = {"minutes": -1}
    sikts["steps"][1]["time"] = {"minutes": 2.5}
    sikts["steps"][2]["time"] = {"working_days": 0}
    sikts["steps"][3]["time"] = {"minutes": 3, "working_days": 1}
    sikts["steps"][4]["time"] = 10
    sikts["steps"][5]["time"] = {"working_days": 0.5}
    sikts["total_time"] = {"hours": 16}
    assert validate_standard(sikts) == [
        "steps[0].time.minutes: must be a positive whole number, got -1",
        "steps[1].time.minutes: must be a positive whole number, got 2.5",
        "steps[2].time.working_days: must be a positive number, got 0",
        "steps[3].time: must be {minutes: N} or {working_days: N}",
        "steps[4].time: must be {minutes: N} or {working_days: N}",
        "total_time: must be {minutes: N} or {working_days: N}",
    ]


def test_it_checks_components(sikts):
    """Unknown, duplicate and missing components and wrong groups are all reported."""
    components = sikts["components"]
    components[1]["key"] = "sop"
    components[3]["group"] = "pengelolaan"
    components[7]["key"] = "dasar_hukum"
    components[8]["items"] = ["ok", ""]
    del components[9]["text"]
    assert validate_standard(sikts) == [
        "components[1].key: unknown component key 'sop' (expected one of: "
        + ", ".join(COMPONENT_KEYS)
        + ")",
        "components[3].group: expected 'pelayanan' for 'biaya', got 'pengelolaan'",
        "components[7].key: duplicate component 'dasar_hukum' (first at components[6])",
        "components[8].items[1]: must not be empty",
        "components[9]: missing required key 'text'",
        "components: missing component 'prosedur'",
        "components: missing component 'sarana'",
    ]


def test_it_checks_requirements(sikts):
    """Requirement codes are unique slugs; kinds, file types and sizes are checked."""
    requirements = sikts["requirements"]
    requirements[1]["code"] = "ijazah"
    requirements[2]["applies_to"] = ["baru", "lama"]
    requirements[3]["file_types"] = ["pdf", "pdf"]
    requirements[4]["max_mb"] = 0
    requirements[5]["mandatory"] = "ya"
    assert validate_standard(sikts) == [
        "requirements[1].code: duplicate requirement code 'ijazah' (first at requirements[0])",
        "requirements[2].applies_to[1]: unknown application kind 'lama' "
        "(expected one of: baru, perpanjangan)",
        "requirements[3].file_types[1]: duplicate file type 'pdf'",
        "requirements[4].max_mb: must be a positive number, got 0",
        "requirements[5].mandatory: expected true or false, got string",
    ]


def test_it_defaults_optional_requirement_fields(sikts):
    """mandatory, applies_to, file_types and max_mb may be left out."""
    sikts["requirements"] = [{"code": "ktp", "name": "KTP"}]
    assert validate_standard(sikts) == []


def test_it_checks_that_staffing_counts_sum_to_the_total(sikts):
    """The staffing counts must add up to staffing.total."""
    sikts["staffing"]["roles"][0]["count"] = 2
    sikts["staffing"]["roles"].append({"role": "back_office", "count": 1})
    assert validate_standard(sikts) == [
        "staffing.roles[5].role: duplicate role 'back_office'",
        "staffing.roles: counts sum to 7, but staffing.total is 5",
    ]


def test_it_checks_the_number_format(sikts):
    """Only {seq}, {seq:0Nd}, {year} and {month}; {seq} is required; no stray braces."""
    for pattern, errors in [
        ("{seq}/{year}/{month}", []),
        ("503/{seq:05d}", []),
        ("503/{nomor}/{seq}/{year}", ["number_format: unknown placeholder {nomor}"]),
        (
            "503/{seq:5d}",
            [
                "number_format: unknown placeholder {seq:5d}",
                "number_format: must contain {seq} or {seq:0Nd}",
            ],
        ),
        ("503/{year}", ["number_format: must contain {seq} or {seq:0Nd}"]),
        (
            "503/{seq}/{year",
            ["number_format: unbalanced '{' or '}' (braces are only for placeholders)"],
        ),
    ]:
        sikts["number_format"] = pattern
        assert validate_standard(sikts) == errors, pattern


def test_it_checks_fee_product_complaints_and_survey(sikts):
    """Fee amount, validity rule, complaint channels and weights, survey period."""
    sikts["fee"]["amount"] = -1
    sikts["product"]["validity"] = {"rule": "life", "years": 5}
    sikts["complaints"]["channels"] = ["langsung", "whatsapp"]
    del sikts["complaints"]["weights"]["berat"]
    sikts["complaints"]["weights"]["sedang"]["deadline_working_days"] = 0
    sikts["survey"]["period"] = "monthly"
    assert validate_standard(sikts) == [
        "fee.amount: must be a whole number of rupiah >= 0, got -1",
        "product.validity.years: not allowed when rule is 'life'",
        "complaints.channels[1]: unknown channel 'whatsapp' "
        "(expected one of: langsung, surat, email, telepon, faks, internet)",
        "complaints.weights: missing required key 'berat'",
        "complaints.weights.sedang.deadline_working_days: must be a positive whole number, got 0",
        "survey.period: unknown survey period 'monthly' "
        "(expected one of: yearly, semester, quarter)",
    ]


@pytest.mark.parametrize("field", [[], {"a": 1}, 7, "workplace_name"])
def test_it_refuses_a_validity_field_that_is_no_date_field(sikts, field):
    """Found by the property test below: a list as `field` raised TypeError."""
    sikts["product"]["validity"] = {"rule": "until_field", "field": field}
    assert validate_standard(sikts) == [
        f"product.validity.field: '{field}' is not a date field of the form"
    ]


def test_it_checks_the_complaint_types(sikts):
    """Types are a non-empty list of {code, name}: slug codes of at most 20 characters,
    each once, with a name; nothing else."""
    sikts["complaints"]["types"] = [
        {"code": "antrean", "name": "Antrean"},
        {"code": "Sikap Petugas", "name": "Sikap petugas"},
        {"code": "antrean", "name": "Antrean lagi"},
        {"code": "waktu-penyelesaian-izin", "name": "Waktu"},
        {"code": "biaya", "name": ""},
        {"code": "sarana", "name": "Sarana", "urutan": 1},
        {"name": "Lainnya"},
        "lainnya",
    ]
    assert validate_standard(sikts) == [
        "complaints.types[1].code: 'Sikap Petugas' is not a slug "
        "(lowercase letters, digits and single hyphens)",
        "complaints.types[2].code: duplicate complaint type 'antrean' "
        "(first at complaints.types[0])",
        "complaints.types[3].code: at most 20 characters",
        "complaints.types[4].name: must not be empty",
        "complaints.types[5].urutan: unknown key",
        "complaints.types[6]: missing required key 'code'",
        "complaints.types[7]: expected a mapping, got string",
    ]
    sikts["complaints"]["types"] = []
    assert validate_standard(sikts) == ["complaints.types: must not be empty"]
    del sikts["complaints"]["types"]
    assert validate_standard(sikts) == []


def test_it_hints_at_the_yaml_no_trap():
    """A step whose `no` was read as false (plain yaml.safe_load) gets a hint."""
    errors = validate_standard({"steps": [{False: 1}]})
    assert "steps[0]: missing required key 'no'" in errors
    assert (
        "steps[0].False: unknown key (YAML 1.1 reads an unquoted no as false: "
        "use load_yaml or quote it)" in errors
    )


def test_it_exports_the_known_sets():
    """The constants other modules use, in their documented order."""
    assert COMPONENT_KEYS[:6] == (
        "persyaratan",
        "prosedur",
        "jangka_waktu",
        "biaya",
        "produk",
        "pengaduan",
    )
    assert len(COMPONENT_KEYS) == 14
    assert COMPONENT_KEYS[6] == "dasar_hukum"
    assert COMPONENT_KEYS[-1] == "evaluasi_kinerja"
    assert set(STEP_KINDS) == {
        "submission",
        "check",
        "draft",
        "initial",
        "sign",
        "number",
        "handover",
    }


def test_it_knows_the_same_roles_as_the_accounts_app():
    """The schema's role codes are exactly the roles loket.accounts knows."""
    from loket.core.roles import ROLE_LABELS

    assert KNOWN_ROLES == tuple(ROLE_LABELS)


# ------------------------------------------------------------------- robustness

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=12)
    | st.sampled_from(["no", "steps", "roles", "kepala_dinas", "check", "{seq}", "pdf"]),
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["code", "steps", "time", "minutes", "key"]),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_it_never_raises_on_arbitrary_json_like_data(data):
    """validate_standard returns a list of strings for any JSON-like value."""
    errors = validate_standard(data)
    assert isinstance(errors, list)
    assert all(isinstance(e, str) and ": " in e for e in errors)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_it_never_raises_on_a_standard_with_one_part_replaced(sikts_data, data):
    """Replacing any one part of a valid standard by junk gives errors, never a crash."""
    standard = copy.deepcopy(sikts_data)
    node = standard
    while isinstance(node, dict | list) and node:
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        if data.draw(st.booleans()):
            node[key] = data.draw(_JSON)
            break
        node = node[key]
    errors = validate_standard(standard)
    assert isinstance(errors, list)
    assert all(isinstance(e, str) for e in errors)
