"""Plausible answers to any service's form: for the demo, the tests and the benchmark.

A field's `example:` in the standard wins; otherwise a value of its type that passes
its constraints (loket.standards.answers) is made up.
"""

import datetime


def sample_answers(spec, kind, today=None):
    """{key: raw answer} for every field asked for `kind`, as a form would send it."""
    today = today or datetime.date.today()
    return {f.key: sample(f, today) for f in spec.fields_for(kind)}


def sample(field, today):
    if field.example is not None:
        value = field.example
        return value.isoformat() if isinstance(value, datetime.date) else value
    kind = field.type
    if kind == "number":
        low = field.min if isinstance(field.min, int) else 1
        high = field.max if isinstance(field.max, int) else low + 10
        return str(min(max(low, 1), high))
    if kind == "date":
        latest = today if field.max == "today" else field.max
        earliest = today if field.min == "today" else field.min
        if latest is not None:
            return latest.isoformat()
        if earliest is not None:
            return (earliest + datetime.timedelta(days=365)).isoformat()
        return today.isoformat()
    if kind == "choice":
        return field.choices[0][0]
    if kind == "yesno":
        return "ya"
    if kind == "email":
        return "pemohon@example.com"
    if kind == "phone":
        return "081234567890"
    if kind == "nik":
        return "1471011205850003"
    if kind == "region":
        return "14.71"
    if kind == "latlng":
        return "0.507100,101.447800"
    if field.pattern:
        return None  # nothing generic fits an arbitrary pattern: the standard gives one
    text = "Contoh " + field.key.replace("_", " ")
    low = field.min_length or 0
    return (text + " x" * low)[: max(low, field.max_length or 200)]
