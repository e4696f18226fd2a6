"""Validation of a service standard (standar pelayanan) kept as YAML data.

A service standard is data, not code: `standards/<code>.yaml` holds the standard's
fourteen components (PermenPANRB 15/2014), the applicant's requirements, the SOP
steps, the time standard, the fee, the product, the permit number format, the
complaint-handling data and the survey period. This module checks such data before
the engine trusts it.

The module is pure: no Django, no database. `validate_standard` never raises and
never stops at the first error; it returns every error as ``"<path>: <message>"``,
with paths such as ``steps[3].role``, ``components[2].key``,
``requirements[0].file_types[1]`` or ``(root)`` (indexes are 0-based).
"""

from __future__ import annotations

import math
import re

import yaml

from loket.standards import form_schema

__all__ = [
    "COMPLAINT_CHANNELS",
    "COMPLAINT_TYPE_MAX",
    "COMPLAINT_WEIGHTS",
    "COMPONENT_GROUPS",
    "COMPONENT_KEYS",
    "DEFAULT_MAX_MB",
    "FILE_TYPES",
    "KNOWN_ROLES",
    "MANUFACTURING_KEYS",
    "SERVICE_DELIVERY_KEYS",
    "STEP_KINDS",
    "SURVEY_PERIODS",
    "VALIDITY_RULES",
    "load_yaml",
    "validate_standard",
]

#: Role codes the engine knows (loket.core.roles uses the same codes).
KNOWN_ROLES = (
    "pemohon",
    "front_office",
    "back_office",
    "jf_ahli_muda",
    "jf_ahli_madya",
    "sekretaris",
    "kepala_dinas",
    "kepala_bidang",
    "pengelola_pengaduan",
)

#: Kinds of SOP step the engine knows.
STEP_KINDS = ("submission", "check", "draft", "initial", "sign", "number", "handover")

#: Service-delivery components (komponen pelayanan), in PermenPANRB 15/2014 order.
SERVICE_DELIVERY_KEYS = (
    "persyaratan",
    "prosedur",
    "jangka_waktu",
    "biaya",
    "produk",
    "pengaduan",
)
#: Manufacturing components (komponen pengelolaan), in PermenPANRB 15/2014 order.
MANUFACTURING_KEYS = (
    "dasar_hukum",
    "sarana",
    "kompetensi",
    "pengawasan_internal",
    "jumlah_pelaksana",
    "jaminan_pelayanan",
    "jaminan_keamanan",
    "evaluasi_kinerja",
)
#: All fourteen component keys: the six service-delivery keys, then the eight others.
COMPONENT_KEYS = SERVICE_DELIVERY_KEYS + MANUFACTURING_KEYS
#: The group each component key belongs to.
COMPONENT_GROUPS = {
    **{key: "pelayanan" for key in SERVICE_DELIVERY_KEYS},
    **{key: "pengelolaan" for key in MANUFACTURING_KEYS},
}

FILE_TYPES = ("pdf", "jpeg", "png")
DEFAULT_MAX_MB = 5
COMPLAINT_CHANNELS = ("langsung", "surat", "email", "telepon", "faks", "internet")
COMPLAINT_WEIGHTS = ("ringan", "sedang", "berat")
SURVEY_PERIODS = ("yearly", "semester", "quarter")
VALIDITY_RULES = tuple(form_schema.VALIDITY_RULES)

ROOT = "(root)"
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_SEQ_PADDED = re.compile(r"seq:0[1-9][0-9]?d")
_TIME_SHAPE = "must be {minutes: N} or {working_days: N}"

# The keys of each mapping: key -> required?
_TOP_KEYS = {
    "code": True,
    "name": True,
    "office": True,
    "office_name": True,
    "city": True,
    "version_label": True,
    "components": True,
    "requirements": True,
    "roles": True,
    "staffing": True,
    "steps": True,
    "total_time": True,
    "fee": True,
    "product": True,
    "number_format": True,
    "complaints": True,
    "survey": True,
    # What the applicant fills in, and for which kinds (loket.standards.form_schema).
    "sector": True,
    "kinds": True,
    "form": True,
}
_COMPONENT_KEYS = {"key": True, "group": True, "title": True, "text": True, "items": False}
_REQUIREMENT_KEYS = {
    "code": True,
    "name": True,
    "mandatory": False,
    "applies_to": False,
    "file_types": False,
    "max_mb": False,
}
_ROLE_KEYS = {"code": True, "name": True}
_STAFFING_KEYS = {"total": True, "roles": True, "note": False}
_STAFFING_ROLE_KEYS = {"role": True, "count": True}
_STEP_KEYS = {
    "no": True,
    "name": True,
    "label": False,
    "kind": True,
    "role": True,
    "with_roles": False,
    "inputs": False,
    "output": True,
    "time": True,
    "returns_to_applicant": False,
}
_FEE_KEYS = {"amount": True, "text": True}
_PRODUCT_KEYS = {"name": True, "validity": True, "document": False}
# `types` is optional: a standard without it uses the default types (loket.complaints).
_COMPLAINTS_KEYS = {"channels": True, "weights": True, "types": False}
_COMPLAINT_TYPE_KEYS = {"code": True, "name": True}
#: The longest complaint type code (the complaint's `type` column).
COMPLAINT_TYPE_MAX = 20
_WEIGHT_KEYS = {"label": True, "deadline_working_days": True, "route": True}
_SURVEY_KEYS = {"period": True}


# --------------------------------------------------------------------------- YAML


class _StandardLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` with YAML 1.2 booleans: only true/false are booleans.

    Under PyYAML's YAML 1.1 rules an unquoted `no`, `yes`, `on` or `off` is a boolean,
    so the step key `no: 1` would load as `False: 1`. Standards are written by office
    staff; here `no` stays the string "no" and `yes` is not a boolean.
    """


_StandardLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StandardLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(text: str) -> tuple[object, list[str]]:
    """Parse a standard file safely (a `yaml.SafeLoader` with YAML 1.2 booleans).

    Only `true`/`false` are booleans, so the step key `no` stays a string. Returns
    ``(data, [])`` on success, ``(None, errors)`` otherwise. A syntax error becomes
    ``"(yaml) line L, column C: <problem>"`` (1-based line and column). A key repeated
    within one mapping is an error too (PyYAML would silently keep the last one,
    which in a legal document hides a mistake).
    """
    try:
        data = yaml.load(text, Loader=_StandardLoader)  # a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        return None, [_marked_error(exc)]
    except yaml.YAMLError as exc:
        return None, [f"(yaml) {exc}"]
    except RecursionError:
        return None, ["(yaml) the document is nested too deeply"]
    except (ValueError, TypeError, OverflowError) as exc:
        # e.g. an impossible date such as 2024-13-45, which YAML reads as a timestamp
        return None, [f"(yaml) invalid value: {exc}"]
    errors = _duplicate_keys(text)
    if errors:
        return None, errors
    return data, []


def _marked_error(exc: yaml.MarkedYAMLError) -> str:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    if exc.problem and exc.context:
        problem = f"{exc.problem} ({exc.context})"
    if mark is None:
        return f"(yaml) {problem}"
    return f"(yaml) line {mark.line + 1}, column {mark.column + 1}: {problem}"


def _duplicate_keys(text: str) -> list[str]:
    try:
        root = yaml.compose(text, Loader=_StandardLoader)
    except (yaml.YAMLError, RecursionError):
        return []  # already parsed once; cannot happen in practice
    errors = []
    seen_nodes: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[tuple[str, str]] = set()
            for key_node, value_node in node.value:
                stack.extend((key_node, value_node))
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                ident = (key_node.tag, key_node.value)
                if ident in keys:
                    mark = key_node.start_mark
                    errors.append(
                        f"(yaml) line {mark.line + 1}, column {mark.column + 1}: "
                        f"duplicate key {_show(key_node.value)}"
                    )
                keys.add(ident)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    errors.sort(key=_line_of)
    return errors


def _line_of(error: str) -> tuple[int, int]:
    match = re.match(r"\(yaml\) line (\d+), column (\d+)", error)
    return (int(match[1]), int(match[2])) if match else (0, 0)


# --------------------------------------------------------------------- helpers


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list | tuple):
        return "list"
    return type(value).__name__


def _show(value: object, limit: int = 60) -> str:
    """A short quoted rendering of a value for an error message."""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = repr(value)
        except (ValueError, RecursionError):  # e.g. an int beyond Python's digit limit
            text = f"<{_type_name(value)}>"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"'{text}'" if isinstance(value, str) else text


def _at(path: str, key: object) -> str:
    name = key if isinstance(key, str) else repr(key)
    return name if path == ROOT else f"{path}.{name}"


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, float) and math.isfinite(value)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _one_of(allowed: tuple[str, ...]) -> str:
    return ", ".join(allowed)


class _Checker:
    """Collects the errors of one standard; every method records, none raises."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.declared_roles: set[str] | None = None
        self.kinds: tuple[str, ...] = ()
        self.form_types: dict[str, str] = {}

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    # -- shapes --------------------------------------------------------------

    def mapping(self, path: str, value: object, keys: dict[str, bool]) -> dict | None:
        """Check a mapping's missing and unknown keys; return it, or None if not one."""
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, got {_type_name(value)}")
            return None
        for key, required in keys.items():
            if required and key not in value:
                self.error(path, f"missing required key '{key}'")
        for key in value:
            if isinstance(key, bool) and "no" in keys:
                self.error(
                    _at(path, key),
                    "unknown key (YAML 1.1 reads an unquoted no as false: "
                    "use load_yaml or quote it)",
                )
            elif not isinstance(key, str) or key not in keys:
                self.error(_at(path, key), "unknown key")
        return value

    def list(self, path: str, value: object, *, empty_ok: bool = False) -> list | None:
        if not isinstance(value, list):
            self.error(path, f"expected a list, got {_type_name(value)}")
            return None
        if not value and not empty_ok:
            self.error(path, "must not be empty")
            return None
        return value

    def string(self, path: str, value: object) -> str | None:
        if not isinstance(value, str):
            self.error(path, f"expected a string, got {_type_name(value)}")
            return None
        if not value.strip():
            self.error(path, "must not be empty")
            return None
        return value

    def slug(self, path: str, value: object) -> str | None:
        text = self.string(path, value)
        if text is not None and not _SLUG.fullmatch(text):
            self.error(
                path,
                f"{_show(text)} is not a slug (lowercase letters, digits and single hyphens)",
            )
            return None
        return text

    def boolean(self, path: str, value: object) -> bool | None:
        if not isinstance(value, bool):
            self.error(path, f"expected true or false, got {_type_name(value)}")
            return None
        return value

    def positive_int(self, path: str, value: object) -> int | None:
        if not _is_int(value) or value <= 0:
            self.error(path, f"must be a positive whole number, got {_show(value)}")
            return None
        return value

    def positive_number(self, path: str, value: object) -> float | None:
        if not _is_number(value) or value <= 0:
            self.error(path, f"must be a positive number, got {_show(value)}")
            return None
        return value

    def choice(self, path: str, value: object, allowed: tuple[str, ...], what: str) -> str | None:
        if not isinstance(value, str):
            self.error(path, f"expected a string, got {_type_name(value)}")
            return None
        if value not in allowed:
            self.error(path, f"unknown {what} {_show(value)} (expected one of: {_one_of(allowed)})")
            return None
        return value

    def choices(
        self, path: str, value: object, allowed: tuple[str, ...], what: str
    ) -> list[str] | None:
        """A non-empty list of distinct values from `allowed`."""
        items = self.list(path, value)
        if items is None:
            return None
        seen: list[str] = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            chosen = self.choice(item_path, item, allowed, what)
            if chosen is None:
                continue
            if chosen in seen:
                self.error(item_path, f"duplicate {what} {_show(chosen)}")
                continue
            seen.append(chosen)
        return seen

    def strings(self, path: str, value: object, *, empty_ok: bool = False) -> None:
        items = self.list(path, value, empty_ok=empty_ok)
        for i, item in enumerate(items or ()):
            self.string(f"{path}[{i}]", item)

    def role(self, path: str, value: object) -> str | None:
        """A known role code that the standard also declares in `roles`."""
        if not isinstance(value, str):
            self.error(path, f"expected a role code, got {_type_name(value)}")
            return None
        if value not in KNOWN_ROLES:
            self.error(path, f"unknown role {_show(value)}")
            return None
        if self.declared_roles is not None and value not in self.declared_roles:
            self.error(path, f"role {_show(value)} is not declared in roles")
            return None
        return value

    def time(self, path: str, value: object) -> None:
        if not isinstance(value, dict) or len(value) != 1:
            self.error(path, _TIME_SHAPE)
            return
        ((unit, amount),) = value.items()
        if unit == "minutes":
            if not _is_int(amount) or amount <= 0:
                self.error(
                    f"{path}.minutes", f"must be a positive whole number, got {_show(amount)}"
                )
        elif unit == "working_days":
            self.positive_number(f"{path}.working_days", amount)
        else:
            self.error(path, _TIME_SHAPE)

    # -- sections ------------------------------------------------------------

    def standard(self, data: object) -> None:
        top = self.mapping(ROOT, data, _TOP_KEYS)
        if top is None:
            return
        for key in ("code", "office"):
            if key in top:
                self.slug(key, top[key])
        for key in ("name", "office_name", "city", "version_label"):
            if key in top:
                self.string(key, top[key])
        # roles first: steps and staffing are checked against the declared roles;
        # kinds and form before the requirements and the product that refer to them
        if "roles" in top:
            self.roles(top["roles"])
        if "sector" in top:
            form_schema.check_text_pair(self, "sector", top["sector"])
        if "kinds" in top:
            self.kinds = form_schema.check_kinds(self, top["kinds"])
        if "form" in top:
            self.form_types = form_schema.check_form(self, top["form"], self.kinds)
        if "components" in top:
            self.components(top["components"])
        if "requirements" in top:
            self.requirements(top["requirements"])
        if "staffing" in top:
            self.staffing(top["staffing"])
        if "steps" in top:
            self.steps(top["steps"])
        if "total_time" in top:
            self.time("total_time", top["total_time"])
        if "fee" in top:
            self.fee(top["fee"])
        if "product" in top:
            self.product(top["product"])
        if "number_format" in top:
            self.number_format(top["number_format"])
        if "complaints" in top:
            self.complaints(top["complaints"])
        if "survey" in top:
            survey = self.mapping("survey", top["survey"], _SURVEY_KEYS)
            if survey is not None and "period" in survey:
                self.choice("survey.period", survey["period"], SURVEY_PERIODS, "survey period")

    def roles(self, value: object) -> None:
        items = self.list("roles", value)
        if items is None:
            return  # declared_roles stays None: role checks elsewhere skip "declared"
        self.declared_roles = set()
        for i, item in enumerate(items):
            path = f"roles[{i}]"
            role = self.mapping(path, item, _ROLE_KEYS)
            if role is None:
                continue
            if "code" in role:
                code = self.choice(f"{path}.code", role["code"], KNOWN_ROLES, "role")
                if code is not None:
                    if code in self.declared_roles:
                        self.error(f"{path}.code", f"duplicate role {_show(code)}")
                    self.declared_roles.add(code)
            if "name" in role:
                self.string(f"{path}.name", role["name"])

    def components(self, value: object) -> None:
        items = self.list("components", value)
        if items is None:
            return
        first_at: dict[str, int] = {}
        for i, item in enumerate(items):
            path = f"components[{i}]"
            component = self.mapping(path, item, _COMPONENT_KEYS)
            if component is None:
                continue
            key = None
            if "key" in component:
                key = self.choice(f"{path}.key", component["key"], COMPONENT_KEYS, "component key")
                if key is not None:
                    if key in first_at:
                        self.error(
                            f"{path}.key",
                            f"duplicate component {_show(key)} "
                            f"(first at components[{first_at[key]}])",
                        )
                    else:
                        first_at[key] = i
            if "group" in component:
                group = self.choice(
                    f"{path}.group", component["group"], ("pelayanan", "pengelolaan"), "group"
                )
                if group is not None and key is not None and group != COMPONENT_GROUPS[key]:
                    self.error(
                        f"{path}.group",
                        f"expected '{COMPONENT_GROUPS[key]}' for {_show(key)}, got {_show(group)}",
                    )
            for field in ("title", "text"):
                if field in component:
                    self.string(f"{path}.{field}", component[field])
            if "items" in component:
                self.strings(f"{path}.items", component["items"])
        for key in COMPONENT_KEYS:
            if key not in first_at:
                self.error("components", f"missing component '{key}'")

    def requirements(self, value: object) -> None:
        items = self.list("requirements", value)
        if items is None:
            return
        first_at: dict[str, int] = {}
        for i, item in enumerate(items):
            path = f"requirements[{i}]"
            requirement = self.mapping(path, item, _REQUIREMENT_KEYS)
            if requirement is None:
                continue
            if "code" in requirement:
                code = self.slug(f"{path}.code", requirement["code"])
                if code is not None:
                    if code in first_at:
                        self.error(
                            f"{path}.code",
                            f"duplicate requirement code {_show(code)} "
                            f"(first at requirements[{first_at[code]}])",
                        )
                    else:
                        first_at[code] = i
            if "name" in requirement:
                form_schema.check_text(self, f"{path}.name", requirement["name"])
            if "mandatory" in requirement:
                self.boolean(f"{path}.mandatory", requirement["mandatory"])
            if "applies_to" in requirement and self.kinds:
                self.choices(
                    f"{path}.applies_to", requirement["applies_to"], self.kinds, "application kind"
                )
            if "file_types" in requirement:
                self.choices(
                    f"{path}.file_types", requirement["file_types"], FILE_TYPES, "file type"
                )
            if "max_mb" in requirement:
                self.positive_number(f"{path}.max_mb", requirement["max_mb"])

    def staffing(self, value: object) -> None:
        staffing = self.mapping("staffing", value, _STAFFING_KEYS)
        if staffing is None:
            return
        total = (
            self.positive_int("staffing.total", staffing["total"]) if "total" in staffing else None
        )
        if "note" in staffing:
            form_schema.check_text(self, "staffing.note", staffing["note"])
        if "roles" not in staffing:
            return
        items = self.list("staffing.roles", staffing["roles"])
        if items is None:
            return
        counts: list[int | None] = []
        seen: set[str] = set()
        for i, item in enumerate(items):
            path = f"staffing.roles[{i}]"
            entry = self.mapping(path, item, _STAFFING_ROLE_KEYS)
            if entry is None:
                counts.append(None)
                continue
            if "role" in entry:
                role = self.role(f"{path}.role", entry["role"])
                if role is not None:
                    if role in seen:
                        self.error(f"{path}.role", f"duplicate role {_show(role)}")
                    seen.add(role)
            counts.append(
                self.positive_int(f"{path}.count", entry["count"]) if "count" in entry else None
            )
        if total is not None and None not in counts and sum(counts) != total:
            self.error(
                "staffing.roles", f"counts sum to {sum(counts)}, but staffing.total is {total}"
            )

    def steps(self, value: object) -> None:
        items = self.list("steps", value)
        if items is None:
            return
        submissions: list[int] = []
        numbers: list[int] = []
        for i, item in enumerate(items):
            path = f"steps[{i}]"
            step = self.mapping(path, item, _STEP_KEYS)
            if step is None:
                continue
            if "no" in step:
                no = step["no"]
                if not _is_int(no):
                    self.error(f"{path}.no", f"expected {i + 1}, got {_show(no)}")
                elif no != i + 1:
                    self.error(f"{path}.no", f"expected {i + 1}, got {no}")
            if "name" in step:
                form_schema.check_text(self, f"{path}.name", step["name"])
            if "label" in step:
                form_schema.check_text_pair(self, f"{path}.label", step["label"])
            kind = None
            if "kind" in step:
                kind = self.choice(f"{path}.kind", step["kind"], STEP_KINDS, "step kind")
                if kind == "submission":
                    submissions.append(i)
                elif kind == "number":
                    numbers.append(i)
            if "role" in step:
                role = self.role(f"{path}.role", step["role"])
                if role == "pemohon":
                    self.error(
                        f"{path}.role",
                        "the applicant cannot hold a step; name the acting officer's role "
                        "and list 'pemohon' in with_roles",
                    )
            if "with_roles" in step:
                with_roles = self.list(f"{path}.with_roles", step["with_roles"])
                for j, role in enumerate(with_roles or ()):
                    self.role(f"{path}.with_roles[{j}]", role)
            if "inputs" in step:
                self.strings(f"{path}.inputs", step["inputs"], empty_ok=True)
            if "output" in step:
                self.string(f"{path}.output", step["output"])
            if "time" in step:
                self.time(f"{path}.time", step["time"])
            if "returns_to_applicant" in step:
                returns = self.boolean(f"{path}.returns_to_applicant", step["returns_to_applicant"])
                if returns and kind is not None and kind != "check":
                    self.error(
                        f"{path}.returns_to_applicant",
                        f"allowed only on a 'check' step, not on a {_show(kind)} step",
                    )
        if not submissions:
            self.error("steps", "needs exactly one 'submission' step, found none")
        else:
            if submissions[0] != 0:
                self.error(
                    f"steps[{submissions[0]}].kind", "the 'submission' step must be the first step"
                )
            for i in submissions[1:]:
                self.error(
                    f"steps[{i}].kind",
                    f"only one 'submission' step is allowed (already at steps[{submissions[0]}])",
                )
        for i in numbers[1:]:
            self.error(
                f"steps[{i}].kind",
                f"at most one 'number' step is allowed (already at steps[{numbers[0]}])",
            )

    def fee(self, value: object) -> None:
        fee = self.mapping("fee", value, _FEE_KEYS)
        if fee is None:
            return
        if "amount" in fee:
            amount = fee["amount"]
            if not _is_int(amount) or amount < 0:
                self.error(
                    "fee.amount", f"must be a whole number of rupiah >= 0, got {_show(amount)}"
                )
        if "text" in fee:
            form_schema.check_text(self, "fee.text", fee["text"])

    def product(self, value: object) -> None:
        product = self.mapping("product", value, _PRODUCT_KEYS)
        if product is None:
            return
        if "name" in product:
            self.string("product.name", product["name"])
        if "validity" in product:
            form_schema.check_validity(
                self, "product.validity", product["validity"], self.form_types
            )
        if "document" in product:
            form_schema.check_document(self, "product.document", product["document"])

    def number_format(self, value: object) -> None:
        pattern = self.string("number_format", value)
        if pattern is None:
            return
        has_seq = False
        for name in _PLACEHOLDER.findall(pattern):
            if name == "seq" or _SEQ_PADDED.fullmatch(name):
                has_seq = True
            elif name not in ("year", "month"):
                self.error("number_format", f"unknown placeholder {{{name}}}")
        rest = _PLACEHOLDER.sub("", pattern)
        if "{" in rest or "}" in rest:
            self.error("number_format", "unbalanced '{' or '}' (braces are only for placeholders)")
        if not has_seq:
            self.error("number_format", "must contain {seq} or {seq:0Nd}")

    def complaints(self, value: object) -> None:
        complaints = self.mapping("complaints", value, _COMPLAINTS_KEYS)
        if complaints is None:
            return
        if "channels" in complaints:
            self.choices(
                "complaints.channels", complaints["channels"], COMPLAINT_CHANNELS, "channel"
            )
        if "types" in complaints:
            self.complaint_types(complaints["types"])
        if "weights" not in complaints:
            return
        weights = self.mapping(
            "complaints.weights", complaints["weights"], dict.fromkeys(COMPLAINT_WEIGHTS, True)
        )
        for name in COMPLAINT_WEIGHTS:
            if weights is None or name not in weights:
                continue
            path = f"complaints.weights.{name}"
            weight = self.mapping(path, weights[name], _WEIGHT_KEYS)
            if weight is None:
                continue
            for field in ("label", "route"):
                if field in weight:
                    self.string(f"{path}.{field}", weight[field])
            if "deadline_working_days" in weight:
                self.positive_int(f"{path}.deadline_working_days", weight["deadline_working_days"])

    def complaint_types(self, value: object) -> None:
        items = self.list("complaints.types", value)
        first_at: dict[str, int] = {}
        for i, item in enumerate(items or ()):
            path = f"complaints.types[{i}]"
            kind = self.mapping(path, item, _COMPLAINT_TYPE_KEYS)
            if kind is None:
                continue
            if "code" in kind:
                code = self.slug(f"{path}.code", kind["code"])
                if code is not None and len(code) > COMPLAINT_TYPE_MAX:
                    self.error(f"{path}.code", f"at most {COMPLAINT_TYPE_MAX} characters")
                elif code is not None and code in first_at:
                    self.error(
                        f"{path}.code",
                        f"duplicate complaint type {_show(code)} "
                        f"(first at complaints.types[{first_at[code]}])",
                    )
                elif code is not None:
                    first_at[code] = i
            if "name" in kind:
                form_schema.check_text(self, f"{path}.name", kind["name"])


def validate_standard(data: object) -> list[str]:
    """Every error of a parsed standard, as ``"<path>: <message>"``; [] when valid.

    Never raises, whatever `data` is.
    """
    checker = _Checker()
    checker.standard(data)
    return checker.errors
