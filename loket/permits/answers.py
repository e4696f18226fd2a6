"""A file's answers as pages, the API and documents show them, from its own version's form.

The form is data of the standard the file was filed under, so a page never names a
field: it asks for the rows of a place (the officer's page, the permit document, the
verification page, the inbox) and prints label and text.
"""

from loket.standards.answers import display


def answer_rows(application, place=None, mask_personal=False):
    """[{key, label, value, display}] of the fields asked for the file's kind; with
    `place`, only the fields the standard shows there (`show:`). Personal answers are
    masked when `mask_personal` (public pages, lists)."""
    return rows_for(
        application.spec, application.kind, application.all_answers(), place, mask_personal
    )


def rows_for(spec, kind, values, place=None, mask_personal=False):
    """answer_rows of answers not filed yet (the check-your-answers page)."""
    rows = []
    for field in spec.fields_for(kind):
        if place is not None and place not in field.show:
            continue
        value = values.get(field.key)
        text = display(field, value)
        if mask_personal and field.personal and text:
            text = mask(text)
        rows.append({"key": field.key, "label": field.label, "value": value, "display": text})
    return rows


def mask(text):
    """All but the last three characters hidden (at least half of a short value)."""
    keep = min(3, len(text) // 2)
    return "•" * (len(text) - keep) + text[len(text) - keep :]


def list_columns(spec):
    """The form fields a service shows as columns of the officers' inbox."""
    return [f for f in spec.form if "list" in f.show]
