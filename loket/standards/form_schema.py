"""What a standard declares about its application: its kinds, its form, the sector it
belongs to and the validity and layout of its product.

These tables are the single description of those parts of the YAML: the loader checks
a standard against them (`check_*`, called from `schema._Checker`), and
`docs/standard-reference.md` is generated from them (`reference_markdown`), so the
reference cannot drift from what the loader accepts. Pure: no Django.
"""

from __future__ import annotations

import re

#: Field types an application form may use: type -> what the applicant types.
FIELD_TYPES = {
    "text": "short text on one line (max_length 200 unless given)",
    "textarea": "longer text on several lines (max_length 2000 unless given)",
    "number": "a whole number (min, max)",
    "date": "a date, YYYY-MM-DD in the API (min, max: a date or `today`)",
    "choice": "one of the listed `choices`",
    "yesno": "yes or no (true/false in the API)",
    "email": "an email address",
    "phone": "an Indonesian phone number, stored as +62…",
    "nik": "a 16-digit NIK (Nomor Induk Kependudukan), checked like the applicant's",
    "address": "a postal address (max_length 300 unless given)",
    "region": "a kode wilayah (Kemendagri): 14, 14.71, 14.71.01 or 14.71.01.1001",
    "latlng": "a position as `latitude,longitude` in decimal degrees",
    "permit_ref": "the number of an earlier permit (for a renewal or a change)",
}
TEXT_TYPES = ("text", "textarea", "address", "permit_ref")
DEFAULT_MAX_LENGTH = {"text": 200, "textarea": 2000, "address": 300, "permit_ref": 60}

#: Where a field's answer is shown besides the officer's file page.
FIELD_PLACES = {
    "document": "printed on the permit document",
    "verification": "shown on the public verification page (/v/<code>)",
    "list": "a column of the officers' inbox",
}

#: Validity rules of a product: rule -> meaning.
VALIDITY_RULES = {
    "years": "valid for `years` years from the day it is numbered",
    "months": "valid for `months` months from the day it is numbered",
    "until_field": (
        "valid until the date the applicant gave in the form field `field` "
        "(a date field); an empty answer means for life"
    ),
    "life": "valid for life (until revoked)",
}

#: Layouts of the permit document (templates permits/documents/<layout>.html). Both
#: print the office's letterhead and the form fields marked `show: [document]`.
DOCUMENT_LAYOUTS = {
    "letter": "a decision letter (surat izin): letterhead, 'MEMUTUSKAN', holder, fields",
    "certificate": "a registration certificate (tanda daftar): a framed table of fields",
}

#: Names the filing forms and the API already use: a form field may not take them.
RESERVED_KEYS = (
    "service_id",
    "service",
    "kind",
    "full_name",
    "nik",
    "birth_place",
    "birth_date",
    "sex",
    "address",
    "phone",
    "email",
    "language",
    "consent",
    "csrfmiddlewaretoken",
)
FIELD_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
MAX_FIELDS = 60

# The keys of each mapping: key -> (required?, what it means). The loader reads the
# first, the reference prints both.
KIND_KEYS = {
    "code": (True, "a slug, stored with each file (baru, perpanjangan, perubahan…)"),
    "name": (True, "`{id: …, en: …}`: the kind's name in both languages"),
}
FIELD_KEYS = {
    "key": (True, "lowercase letters, digits and _, starting with a letter; at most 40"),
    "label": (True, "`{id: …, en: …}`: the question in both languages"),
    "type": (True, "one of the field types below"),
    "required": (False, "`true` (default) or `false`"),
    "help": (False, "`{id: …, en: …}`: a hint shown under the field"),
    "applies_to": (False, "the kinds the field is asked for (default: every kind)"),
    "personal": (
        False,
        "`true` for personal data: stored encrypted, masked on lists, in the data "
        "export and cleared by retention like the NIK",
    ),
    "show": (False, "where else the answer appears: " + ", ".join(FIELD_PLACES)),
    "min_length": (False, "text types: the fewest characters"),
    "max_length": (False, "text types: the most characters"),
    "pattern": (False, "text and permit_ref: a regular expression the whole answer matches"),
    "min": (False, "number: the smallest; date: the earliest (a date or `today`)"),
    "max": (False, "number: the largest; date: the latest (a date or `today`)"),
    "choices": (False, "choice: a list of `{code: …, label: {id: …, en: …}}`"),
    "example": (
        False,
        "a sample answer: the demo files it and the API documentation shows it "
        "(a date field: YYYY-MM-DD)",
    ),
}
CHOICE_KEYS = {"code": (True, "a slug"), "label": (True, "`{id: …, en: …}`")}
SECTOR_KEYS = {"id": (True, "the sector's name in Indonesian"), "en": (True, "in English")}
VALIDITY_KEYS = {
    "rule": (True, "one of the validity rules below"),
    "years": (False, "rule years: how many"),
    "months": (False, "rule months: how many"),
    "field": (False, "rule until_field: the key of a date field of the form"),
}
DOCUMENT_KEYS = {
    "layout": (True, "one of the document layouts below"),
    "note": (False, "a closing sentence printed under the holder's data (Indonesian)"),
}


def required_map(keys):
    """{key: required?} as schema._Checker.mapping takes it."""
    return {key: required for key, (required, _doc) in keys.items()}


def check_text_pair(checker, path, value):
    """An {id: …, en: …} pair of non-empty strings."""
    pair = checker.mapping(path, value, {"id": True, "en": True})
    if pair is not None:
        for lang in ("id", "en"):
            if lang in pair:
                checker.string(f"{path}.{lang}", pair[lang])
    return pair


def check_text(checker, path, value):
    """Text a person reads: Indonesian only (a string) or an {id: …, en: …} pair, which
    English pages show in English (spec.in_language)."""
    if isinstance(value, dict):
        return check_text_pair(checker, path, value)
    return checker.string(path, value)


def check_kinds(checker, value):
    """The kinds of application; returns their codes (for applies_to checks)."""
    items = checker.list("kinds", value)
    codes = []
    for i, item in enumerate(items or ()):
        path = f"kinds[{i}]"
        kind = checker.mapping(path, item, required_map(KIND_KEYS))
        if kind is None:
            continue
        if "code" in kind:
            code = checker.slug(f"{path}.code", kind["code"])
            if code is not None and len(code) > 30:
                checker.error(f"{path}.code", "at most 30 characters")
            elif code in codes:
                checker.error(f"{path}.code", f"duplicate kind '{code}'")
            elif code is not None:
                codes.append(code)
        if "name" in kind:
            check_text_pair(checker, f"{path}.name", kind["name"])
    return tuple(codes)


def check_form(checker, value, kinds):
    """The application form; returns {key: type} of the fields that passed."""
    items = checker.list("form", value, empty_ok=True)
    if items is not None and len(items) > MAX_FIELDS:
        checker.error("form", f"at most {MAX_FIELDS} fields")
    types = {}
    for i, item in enumerate(items or ()):
        path = f"form[{i}]"
        field = checker.mapping(path, item, required_map(FIELD_KEYS))
        if field is None:
            continue
        key = _field_key(checker, f"{path}.key", field.get("key"), types)
        kind = None
        if "type" in field:
            kind = checker.choice(f"{path}.type", field["type"], tuple(FIELD_TYPES), "field type")
        if "label" in field:
            check_text_pair(checker, f"{path}.label", field["label"])
        if "help" in field:
            check_text_pair(checker, f"{path}.help", field["help"])
        for flag in ("required", "personal"):
            if flag in field:
                checker.boolean(f"{path}.{flag}", field[flag])
        if "applies_to" in field and kinds:
            checker.choices(f"{path}.applies_to", field["applies_to"], kinds, "application kind")
        if "show" in field:
            checker.choices(f"{path}.show", field["show"], tuple(FIELD_PLACES), "place")
        if "example" in field and not (
            isinstance(field["example"], str | int | bool) or _is_date(field["example"])
        ):
            checker.error(f"{path}.example", "must be a single value (text, number, date)")
        if kind is not None:
            _check_constraints(checker, path, field, kind)
        if key is not None and kind is not None:
            types[key] = kind
    return types


def _field_key(checker, path, value, seen):
    if value is None:
        return None
    if not isinstance(value, str) or not FIELD_KEY.fullmatch(value):
        checker.error(
            path, "must be lowercase letters, digits and _, starting with a letter (at most 40)"
        )
        return None
    if value in RESERVED_KEYS or value.startswith("doc_"):
        checker.error(path, f"'{value}' is reserved by the filing forms; choose another key")
        return None
    if value in seen:
        checker.error(path, f"duplicate field key '{value}'")
        return None
    return value


def _check_constraints(checker, path, field, kind):
    allowed = {
        "min_length": kind in TEXT_TYPES,
        "max_length": kind in TEXT_TYPES,
        "pattern": kind in TEXT_TYPES,
        "min": kind in ("number", "date"),
        "max": kind in ("number", "date"),
        "choices": kind == "choice",
    }
    for name, ok in allowed.items():
        if name in field and not ok:
            checker.error(f"{path}.{name}", f"not allowed for a {kind} field")
    for name in ("min_length", "max_length"):
        if name in field and allowed[name]:
            checker.positive_int(f"{path}.{name}", field[name])
    if allowed["pattern"] and "pattern" in field:
        pattern = checker.string(f"{path}.pattern", field["pattern"])
        if pattern is not None:
            try:
                re.compile(pattern)
            except re.error as exc:
                checker.error(f"{path}.pattern", f"not a regular expression: {exc}")
    for name in ("min", "max"):
        if name not in field or not allowed[name]:
            continue
        bound = field[name]
        if kind == "number" and (isinstance(bound, bool) or not isinstance(bound, int)):
            checker.error(f"{path}.{name}", "must be a whole number")
        if kind == "date" and not (_is_date(bound) or bound == "today"):
            checker.error(f"{path}.{name}", "must be a date (YYYY-MM-DD) or 'today'")
    if kind == "choice":
        if "choices" not in field:
            checker.error(path, "a choice field needs 'choices'")
            return
        items = checker.list(f"{path}.choices", field["choices"])
        codes = set()
        for j, item in enumerate(items or ()):
            choice = checker.mapping(f"{path}.choices[{j}]", item, required_map(CHOICE_KEYS))
            if choice is None:
                continue
            if "code" in choice:
                code = checker.slug(f"{path}.choices[{j}].code", choice["code"])
                if code in codes:
                    checker.error(f"{path}.choices[{j}].code", f"duplicate choice '{code}'")
                codes.add(code)
            if "label" in choice:
                check_text_pair(checker, f"{path}.choices[{j}].label", choice["label"])


def _is_date(value):
    import datetime

    return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)


def check_validity(checker, path, value, form_types):
    validity = checker.mapping(path, value, required_map(VALIDITY_KEYS))
    if validity is None or "rule" not in validity:
        return
    rule = checker.choice(f"{path}.rule", validity["rule"], tuple(VALIDITY_RULES), "validity rule")
    needs = {"years": "years", "months": "months", "until_field": "field"}.get(rule)
    for extra in ("years", "months", "field"):
        if extra in validity and extra != needs:
            checker.error(f"{path}.{extra}", f"not allowed when rule is '{rule}'")
    if needs is None:
        return
    if needs not in validity:
        checker.error(path, f"missing required key '{needs}' (rule is '{rule}')")
    elif needs == "field":
        key = validity["field"]
        # Any YAML value may stand here (a list, a mapping): only a string names a field.
        if not isinstance(key, str) or form_types.get(key) != "date":
            checker.error(f"{path}.field", f"'{key}' is not a date field of the form")
    else:
        checker.positive_int(f"{path}.{needs}", validity[needs])


def check_document(checker, path, value):
    document = checker.mapping(path, value, required_map(DOCUMENT_KEYS))
    if document is not None and "layout" in document:
        checker.choice(f"{path}.layout", document["layout"], tuple(DOCUMENT_LAYOUTS), "layout")
    if document is not None and "note" in document:
        checker.string(f"{path}.note", document["note"])


def reference_markdown():
    """The YAML reference of these parts, as docs/standard-reference.md holds it."""
    out = [
        "# Standard YAML reference: kinds, form, sector, validity, document",
        "",
        "Generated from `loket/standards/form_schema.py` by "
        "`manage.py standard_reference`; a test fails when this file and the code differ.",
        "The other parts of a standard (components, requirements, roles, staffing, steps, "
        "time, fee, number format, complaints, survey) are described in "
        "[adding-a-service.md](adding-a-service.md).",
        "",
    ]

    def table(title, keys):
        out.extend([f"## {title}", "", "| key | required | meaning |", "|---|---|---|"])
        for key, (required, doc) in keys.items():
            out.append(f"| `{key}` | {'yes' if required else 'no'} | {doc} |")
        out.append("")

    def listing(title, entries):
        out.extend([f"## {title}", "", "| value | meaning |", "|---|---|"])
        for value, doc in entries.items():
            out.append(f"| `{value}` | {doc} |")
        out.append("")

    out.extend(
        [
            "## `sector`",
            "",
            "`{id: …, en: …}`: the sector the public catalogue groups the service under.",
            "",
        ]
    )
    table("`kinds[]`: the kinds of application", KIND_KEYS)
    table("`form[]`: the fields an applicant fills in", FIELD_KEYS)
    listing("Field types (`form[].type`)", FIELD_TYPES)
    listing("Places (`form[].show`)", FIELD_PLACES)
    table("`form[].choices[]`", CHOICE_KEYS)
    out.append(
        "Keys the filing forms use themselves cannot be field keys: "
        + ", ".join(f"`{k}`" for k in RESERVED_KEYS)
        + ", and any key starting with `doc_`."
    )
    out.append("")
    table("`product.validity`", VALIDITY_KEYS)
    listing("Validity rules (`product.validity.rule`)", VALIDITY_RULES)
    table("`product.document`", DOCUMENT_KEYS)
    listing("Document layouts (`product.document.layout`)", DOCUMENT_LAYOUTS)
    return "\n".join(out).rstrip() + "\n"
