"""Typed, read-only views of a loaded standard's data (see standards/*.yaml).

The YAML is validated by `schema.validate_standard` before it is stored, so these
accessors trust their input.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import get_language, ngettext


@dataclass(frozen=True)
class TimeStandard:
    minutes: int = 0
    working_days: float = 0

    @classmethod
    def from_data(cls, data):
        return cls(minutes=int(data.get("minutes", 0)), working_days=data.get("working_days", 0))

    def working_minutes(self, minutes_per_day):
        return self.minutes + round(self.working_days * minutes_per_day)

    def __str__(self):
        """In the active language, with its decimal separator: "1,5 hari kerja" in
        Indonesian, "1.5 working days" in English."""
        if self.working_days:
            days = self.working_days
            days = int(days) if float(days).is_integer() else days
            return ngettext("%(n)s hari kerja", "%(n)s hari kerja", 1 if days == 1 else 2) % {
                "n": number_format(days)
            }
        return ngettext("%(n)s menit", "%(n)s menit", self.minutes) % {
            "n": number_format(self.minutes)
        }


@dataclass(frozen=True)
class Step:
    no: int
    # The SOP's sentence: Indonesian text, or an {id: …, en: …} pair (see `name`).
    names: str | dict
    kind: str
    role: str
    with_roles: tuple
    inputs: tuple
    output: str
    time: TimeStandard
    returns_to_applicant: bool
    # The step's short name, {id: …, en: …} ("Periksa berkas"); optional in the YAML.
    labels: dict | None = None

    #: The longest fallback label cut from the SOP sentence, in characters.
    LABEL_MAX = 40

    @property
    def name(self):
        """The SOP's sentence for the step, in the active language where the YAML
        gives it in English too."""
        return in_language(self.names)

    @property
    def label(self):
        """What an officer reads as the step's name: the YAML's short `label` in the
        active language, or else the SOP sentence cut to its first words (never mid-word)."""
        if self.labels:
            return in_language(self.labels)
        return shorten(self.name, self.LABEL_MAX)

    @classmethod
    def from_data(cls, data):
        return cls(
            no=data["no"],
            names=data["name"],
            kind=data["kind"],
            role=data["role"],
            with_roles=tuple(data.get("with_roles", ())),
            inputs=tuple(data.get("inputs", ())),
            output=data.get("output", ""),
            time=TimeStandard.from_data(data["time"]),
            returns_to_applicant=bool(data.get("returns_to_applicant", False)),
            labels=data.get("label"),
        )


@dataclass(frozen=True)
class Requirement:
    code: str
    # What the applicant brings: Indonesian text, or an {id: …, en: …} pair.
    names: str | dict
    mandatory: bool
    applies_to: tuple
    file_types: tuple
    max_mb: float

    @classmethod
    def from_data(cls, data):
        return cls(
            code=data["code"],
            names=data["name"],
            mandatory=bool(data.get("mandatory", True)),
            applies_to=tuple(data["applies_to"]) if "applies_to" in data else ALL_KINDS,
            file_types=tuple(data.get("file_types", ("pdf", "jpeg", "png"))),
            max_mb=data.get("max_mb", 5),
        )

    @property
    def name(self):
        """The document's name in the active language (Indonesian if no English)."""
        return in_language(self.names)

    def needed_for(self, kind):
        return self.applies_to is ALL_KINDS or kind in self.applies_to


def shorten(text, limit):
    """`text` cut at a word boundary to at most `limit` characters, with "…" if cut;
    a sentence's first clause (up to ";" or ".") is preferred when it is short enough."""
    text = " ".join(text.split())
    for stop in (";", ". "):
        head = text.split(stop, 1)[0]
        if len(head) <= limit and head != text:
            return head.rstrip(".")
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0].rstrip(",;:.")
    return cut + "…"


def in_language(pair):
    """The text of an {id: …, en: …} pair in the active language (Indonesian first)."""
    if isinstance(pair, dict):
        lang = (get_language() or "id")[:2]
        return pair.get(lang) or pair.get("id") or ""
    return pair or ""


#: A field or requirement without `applies_to` is asked for every kind.
ALL_KINDS = ("*",)


@dataclass(frozen=True)
class Kind:
    code: str
    names: dict

    @property
    def name(self):
        return in_language(self.names)


@dataclass(frozen=True)
class FormField:
    """One question of a service's application form (standards/*.yaml `form:`)."""

    key: str
    type: str
    labels: dict
    helps: dict
    required: bool
    applies_to: tuple
    personal: bool
    show: tuple
    min_length: int | None
    max_length: int | None
    pattern: str | None
    min: object
    max: object
    choices: tuple  # ((code, labels), ...)
    example: object

    @classmethod
    def from_data(cls, data):
        return cls(
            key=data["key"],
            type=data["type"],
            labels=data["label"],
            helps=data.get("help") or {},
            required=bool(data.get("required", True)),
            applies_to=tuple(data["applies_to"]) if "applies_to" in data else ALL_KINDS,
            personal=bool(data.get("personal", False)),
            show=tuple(data.get("show", ())),
            min_length=data.get("min_length"),
            max_length=data.get("max_length"),
            pattern=data.get("pattern"),
            min=_bound(data.get("min")),
            max=_bound(data.get("max")),
            choices=tuple((c["code"], c["label"]) for c in data.get("choices", ())),
            example=data.get("example"),
        )

    @property
    def label(self):
        return in_language(self.labels)

    @property
    def help(self):
        return in_language(self.helps)

    def asked_for(self, kind):
        return self.applies_to is ALL_KINDS or kind in self.applies_to

    def choice_label(self, code):
        return next((in_language(label) for c, label in self.choices if c == code), code)


def _bound(value):
    # YAML reads 2026-01-01 as a date; JSON storage keeps it as text.
    if isinstance(value, str) and value != "today":
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


class StandardSpec:
    """The parts of a standard the engine and pages read."""

    def __init__(self, data):
        self.data = data
        self.steps = tuple(Step.from_data(s) for s in data["steps"])
        self.requirements = tuple(Requirement.from_data(r) for r in data["requirements"])
        self.total_time = TimeStandard.from_data(data["total_time"])
        self.role_names = {r["code"]: r["name"] for r in data.get("roles", ())}
        self.kinds = tuple(Kind(k["code"], k["name"]) for k in data.get("kinds", ()))
        self.form = tuple(FormField.from_data(f) for f in data.get("form", ()))
        product = data.get("product", {})
        self.validity = product.get("validity", {"rule": "life"})
        self.document_layout = product.get("document", {}).get("layout", "letter")
        self.sector = data.get("sector") or {}

    def step(self, no):
        return self.steps[no - 1]

    def next_step(self, no):
        return self.steps[no] if no < len(self.steps) else None

    def first_step_of_kind(self, kind):
        return next((s for s in self.steps if s.kind == kind), None)

    def requirements_for(self, kind):
        return [r for r in self.requirements if r.needed_for(kind)]

    def fields_for(self, kind):
        return [f for f in self.form if f.asked_for(kind)]

    def field(self, key):
        return next((f for f in self.form if f.key == key), None)

    def kind(self, code):
        return next((k for k in self.kinds if k.code == code), None)

    def kind_name(self, code):
        kind = self.kind(code)
        return kind.name if kind else code

    @property
    def sector_name(self):
        return in_language(self.sector)

    @property
    def fee_text(self):
        """What the service costs, in words, in the active language."""
        return in_language(self.data.get("fee", {}).get("text"))

    @property
    def staffing_note(self):
        """The standard's note on its staff, in the active language."""
        return in_language(self.data.get("staffing", {}).get("note"))

    def components(self, group=None):
        return [c for c in self.data["components"] if group is None or c["group"] == group]
