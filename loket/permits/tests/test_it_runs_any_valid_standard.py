"""Any valid standard runs through the engine with no code change.

Hypothesis writes standards: random kinds, a random form (every field type, with
constraints), random requirements, a random SOP (checks, a draft, initials, a
signature, a number and the hand-over, held by random roles) and a random validity.
Each must pass the loader; then a file of each kind is filed with answers made for
its form, walked through every step, and its permit carries the validity the rule
gives and the answers the standard prints.
"""

import datetime
import itertools

import yaml
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from loket.permits.answers import answer_rows
from loket.standards.actions import load_standard
from loket.standards.form_schema import FIELD_TYPES, RESERVED_KEYS
from loket.standards.schema import COMPONENT_GROUPS, COMPONENT_KEYS, KNOWN_ROLES
from loket.standards.validity import valid_until
from loket.testing import advance, file_for, make_applicant, make_officers

OFFICER_ROLES = tuple(r for r in KNOWN_ROLES if r not in ("pemohon", "pengelola_pengaduan"))
SERIAL = itertools.count(1)
slug = st.from_regex(r"[a-z]{3,8}", fullmatch=True)
words = st.text(alphabet="abcdefghijklmnoprstuwy ", min_size=3, max_size=30).map(
    lambda s: s.strip() or "isian"
)


def pair(text):
    return {"id": text, "en": text + " (en)"}


@st.composite
def form_field(draw, key, kinds):
    kind = draw(st.sampled_from(sorted(FIELD_TYPES)))
    field = {"key": key, "type": kind, "label": pair(draw(words))}
    field["required"] = draw(st.booleans())
    if draw(st.booleans()):
        field["applies_to"] = draw(
            st.lists(st.sampled_from(kinds), min_size=1, max_size=len(kinds), unique=True)
        )
    field["personal"] = draw(st.booleans())
    show = draw(st.lists(st.sampled_from(["document", "verification", "list"]), unique=True))
    if show:
        field["show"] = show
    if kind in ("text", "textarea", "address", "permit_ref") and draw(st.booleans()):
        field["max_length"] = draw(st.integers(40, 300))
    if kind == "number":
        low = draw(st.integers(0, 50))
        field["min"], field["max"] = low, low + draw(st.integers(0, 1000))
    if kind == "date" and draw(st.booleans()):
        field["min"] = "today"
    if kind == "choice":
        codes = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
        field["choices"] = [{"code": c, "label": pair(c)} for c in codes]
    return field


@st.composite
def standard(draw):
    n = next(SERIAL)
    kinds = draw(st.lists(slug, min_size=1, max_size=3, unique=True))
    keys = draw(
        st.lists(st.from_regex(r"[a-z][a-z0-9_]{2,10}", fullmatch=True), max_size=6, unique=True)
    )
    keys = [k for k in keys if k not in RESERVED_KEYS and not k.startswith("doc_")]
    form = [draw(form_field(k, kinds)) for k in keys]
    date_fields = [f["key"] for f in form if f["type"] == "date"]
    rules = [
        {"rule": "life"},
        {"rule": "years", "years": draw(st.integers(1, 10))},
        {"rule": "months", "months": draw(st.integers(1, 36))},
    ]
    if date_fields:
        rules.append({"rule": "until_field", "field": date_fields[0]})
    validity = draw(st.sampled_from(rules))
    role = st.sampled_from(OFFICER_ROLES)
    steps = [{"kind": "submission", "role": "front_office", "with_roles": ["pemohon"]}]
    for _ in range(draw(st.integers(0, 2))):
        steps.append(
            {"kind": "check", "role": draw(role), "returns_to_applicant": draw(st.booleans())}
        )
    steps.append({"kind": "draft", "role": draw(role)})
    for _ in range(draw(st.integers(0, 3))):
        steps.append({"kind": "initial", "role": draw(role)})
    steps += [
        {"kind": "sign", "role": draw(role)},
        {"kind": "number", "role": draw(role)},
        {"kind": "handover", "role": draw(role), "with_roles": ["pemohon"]},
    ]
    for no, step in enumerate(steps, 1):
        step.update(
            no=no,
            name=f"Langkah {no} ({step['kind']})",
            output="Berkas",
            time={"minutes": draw(st.integers(1, 600))},
        )
    requirements = [
        {
            "code": f"dok-{i}",
            "name": f"Dokumen {i}",
            "mandatory": draw(st.booleans()),
            "file_types": ["pdf"],
        }
        | (
            {"applies_to": draw(st.lists(st.sampled_from(kinds), min_size=1, unique=True))}
            if draw(st.booleans())
            else {}
        )
        for i in range(draw(st.integers(1, 4)))
    ]
    used_roles = sorted({s["role"] for s in steps} | {"pemohon"})
    return {
        "code": f"uji-{n}",
        "name": f"Layanan uji {n}",
        "office": "dpmptsp-pekanbaru",
        "office_name": "DPMPTSP Kota Pekanbaru",
        "city": "Kota Pekanbaru",
        "version_label": "uji",
        "sector": pair(draw(st.sampled_from(["Kesehatan", "Pariwisata", "Pendidikan"]))),
        "kinds": [{"code": k, "name": pair(k.title())} for k in kinds],
        "form": form,
        "components": [
            {"key": key, "group": COMPONENT_GROUPS[key], "title": key, "text": "Uraian."}
            for key in COMPONENT_KEYS
        ],
        "requirements": requirements,
        "roles": [{"code": r, "name": r} for r in used_roles],
        "staffing": {"total": 1, "roles": [{"role": steps[1]["role"], "count": 1}]},
        "steps": steps,
        "total_time": {"working_days": 5},
        "fee": {"amount": 0, "text": "Gratis"},
        "product": {
            "name": f"Izin uji {n}",
            "validity": validity,
            "document": {"layout": draw(st.sampled_from(["letter", "certificate"]))},
        },
        "number_format": f"{n}/{{seq}}/{{year}}",
        "complaints": {
            "channels": ["langsung"],
            "weights": {
                w: {"label": w, "deadline_working_days": 2, "route": "Petugas."}
                for w in ("ringan", "sedang", "berat")
            },
        },
        "survey": {"period": "yearly"},
    }


@settings(
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: each example is slow
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=standard())
def test_it_runs_a_file_of_every_kind_of_a_generated_standard(db, sikts, data):
    version, _new = load_standard(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    office = version.service.office
    officers = make_officers(office, prefix=f"{data['code']}-")
    for kind in data["kinds"]:
        applicant = make_applicant(office, name=f"Pemohon {kind['code']}")
        application = file_for(version, applicant, kind=kind["code"])
        expected = application.all_answers()
        closed = advance(application, officers, 99)
        assert not closed.is_open and closed.status == "collected"
        permit = closed.permit
        assert permit.number.startswith(data["number_format"].split("/")[0] + "/")
        issued = timezone.localtime(permit.numbered_at).date()
        assert permit.valid_until == valid_until(version.spec.validity, issued, expected)
        if permit.valid_until and version.spec.validity["rule"] != "until_field":
            assert permit.valid_until > issued
        printed = {row["key"] for row in answer_rows(closed, place="document")}
        assert printed == {
            f["key"]
            for f in data["form"]
            if "document" in f.get("show", ())
            and closed.spec.field(f["key"]).asked_for(kind["code"])
        }
        assert isinstance(permit.valid_until, datetime.date | type(None))
