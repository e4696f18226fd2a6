"""Typed, read-only views of a loaded standard's data (see standards/*.yaml).

The YAML is validated by `schema.validate_standard` before it is stored, so these
accessors trust their input.
"""

from dataclasses import dataclass


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
        if self.working_days:
            days = self.working_days
            days = int(days) if float(days).is_integer() else days
            return f"{days} hari kerja"
        return f"{self.minutes} menit"


@dataclass(frozen=True)
class Step:
    no: int
    name: str
    kind: str
    role: str
    with_roles: tuple
    inputs: tuple
    output: str
    time: TimeStandard
    returns_to_applicant: bool

    @classmethod
    def from_data(cls, data):
        return cls(
            no=data["no"],
            name=data["name"],
            kind=data["kind"],
            role=data["role"],
            with_roles=tuple(data.get("with_roles", ())),
            inputs=tuple(data.get("inputs", ())),
            output=data.get("output", ""),
            time=TimeStandard.from_data(data["time"]),
            returns_to_applicant=bool(data.get("returns_to_applicant", False)),
        )


@dataclass(frozen=True)
class Requirement:
    code: str
    name: str
    mandatory: bool
    applies_to: tuple
    file_types: tuple
    max_mb: float

    @classmethod
    def from_data(cls, data):
        return cls(
            code=data["code"],
            name=data["name"],
            mandatory=bool(data.get("mandatory", True)),
            applies_to=tuple(data.get("applies_to", ("baru", "perpanjangan"))),
            file_types=tuple(data.get("file_types", ("pdf", "jpeg", "png"))),
            max_mb=data.get("max_mb", 5),
        )

    def needed_for(self, kind):
        return kind in self.applies_to


class StandardSpec:
    """The parts of a standard the engine and pages read."""

    def __init__(self, data):
        self.data = data
        self.steps = tuple(Step.from_data(s) for s in data["steps"])
        self.requirements = tuple(Requirement.from_data(r) for r in data["requirements"])
        self.total_time = TimeStandard.from_data(data["total_time"])
        self.role_names = {r["code"]: r["name"] for r in data.get("roles", ())}

    def step(self, no):
        return self.steps[no - 1]

    def next_step(self, no):
        return self.steps[no] if no < len(self.steps) else None

    def first_step_of_kind(self, kind):
        return next((s for s in self.steps if s.kind == kind), None)

    def requirements_for(self, kind):
        return [r for r in self.requirements if r.needed_for(kind)]

    def components(self, group=None):
        return [c for c in self.data["components"] if group is None or c["group"] == group]
