"""A service's application form as JSON Schema (draft 2020-12), one schema per kind.

What a system filing through the API sends besides `service_id`, `kind` and the
documents: `GET /api/v1/standards/{office}/{code}` carries it, so an integrator sees
each service's own fields without the OpenAPI document naming any of them.
"""

from loket.standards.answers import REGION
from loket.standards.form_schema import DEFAULT_MAX_LENGTH, TEXT_TYPES
from loket.standards.spec import in_language

FORMATS = {"date": "date", "email": "email"}
PATTERNS = {
    "nik": r"^\d{16}$",
    "region": "^" + REGION.pattern + "$",
    "latlng": r"^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$",
}


def field_schema(field):
    schema = {"title": in_language(field.labels)}
    if field.help:
        schema["description"] = field.help
    if field.type == "number":
        schema["type"] = "integer"
        if field.min is not None:
            schema["minimum"] = field.min
        if field.max is not None:
            schema["maximum"] = field.max
    elif field.type == "yesno":
        schema["type"] = "boolean"
    elif field.type == "choice":
        schema["type"] = "string"
        schema["enum"] = [code for code, _label in field.choices]
    else:
        schema["type"] = "string"
        if field.type in FORMATS:
            schema["format"] = FORMATS[field.type]
        if field.type in TEXT_TYPES:
            schema["maxLength"] = field.max_length or DEFAULT_MAX_LENGTH[field.type]
            if field.min_length:
                schema["minLength"] = field.min_length
        pattern = field.pattern or PATTERNS.get(field.type)
        if pattern:
            schema["pattern"] = pattern if pattern.startswith("^") else f"^(?:{pattern})$"
    if field.example is not None:
        schema["examples"] = [str(field.example) if field.type == "date" else field.example]
    if field.personal:
        schema["x-personal-data"] = True
    return schema


def form_schemas(spec):
    """{kind code: JSON Schema of the answers that kind asks for}."""
    return {
        kind.code: {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"{spec.data['name']}: {kind.name}",
            "type": "object",
            "properties": {f.key: field_schema(f) for f in spec.fields_for(kind.code)},
            "required": [f.key for f in spec.fields_for(kind.code) if f.required],
            "additionalProperties": False,
        }
        for kind in spec.kinds
    }
