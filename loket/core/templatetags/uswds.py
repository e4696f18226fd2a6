"""USWDS class names on Django's own widgets, in one place (docs/design.md).

`field.html` renders every form field of every page through these filters, so no page
writes a widget's class by hand and a form of the standard (data) gets the same look
as a hand-written one.
"""

from django import forms, template

register = template.Library()

# Widget class -> (kind field.html switches on, USWDS class of the input).
_KINDS = [
    (forms.RadioSelect, "radio", "usa-radio__input"),
    (forms.CheckboxSelectMultiple, "checkboxes", "usa-checkbox__input"),
    (forms.CheckboxInput, "checkbox", "usa-checkbox__input"),
    # Not "usa-file-input": USWDS's script replaces the input with a drop zone whose
    # texts are English only ("Drag file here or choose from folder"); the browser's
    # own file input speaks the reader's language (docs/design.md).
    (forms.ClearableFileInput, "file", "loket-file-input"),
    (forms.FileInput, "file", "loket-file-input"),
    (forms.Select, "select", "usa-select"),
    (forms.Textarea, "textarea", "usa-textarea"),
    (forms.HiddenInput, "hidden", ""),
]


def _kind(widget):
    for cls, kind, css in _KINDS:
        if isinstance(widget, cls):
            return kind, css
    return "input", "usa-input"


@register.filter
def uswds_kind(bound_field):
    """radio, checkboxes, checkbox, file, select, textarea, hidden or input."""
    return _kind(bound_field.field.widget)[0]


@register.simple_tag(takes_context=True)
def uswds_widget(context, bound_field):
    """The field's widget with its USWDS class, aria-describedby for its hint and
    error, and, for choices, each option's input (use with field.subwidgets)."""
    # `tile` (large answer tiles) is set by the including page: {% include ... with tile=1 %}.
    tile = context.get("tile")
    widget = bound_field.field.widget
    kind, css = _kind(widget)
    classes = [css] if css else []
    if tile and kind in ("radio", "checkboxes", "checkbox"):
        classes.append(css + "--tile")
    if bound_field.errors and kind in ("input", "select", "textarea"):
        classes.append("usa-input--error")
    attrs = {"class": " ".join(filter(None, [widget.attrs.get("class", "")] + classes))}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}-hint")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}-error")
    if described and kind not in ("radio", "checkboxes"):
        attrs["aria-describedby"] = " ".join(described)
    if kind in ("radio", "checkboxes"):
        # Each option is rendered by field.html from subwidgets, which read the
        # widget's attrs: set the class there (a copy per form, Django deep-copies).
        widget.attrs["class"] = attrs["class"]
        return ""
    return bound_field.as_widget(attrs=attrs)


@register.filter
def error_target(bound_field):
    """The id an error summary links to: the input, or the fieldset of a choice."""
    return bound_field.id_for_label or bound_field.auto_id
