"""The kinds of SOP step, in one registry: what the engine runs, what the file page
shows the officer who holds the step, and the action's name.

An entry is added where its function is defined (loket.permits.actions registers the
engine's kinds). The loader's list of kinds (loket.standards.schema.STEP_KINDS) must
name exactly these: loket/permits/tests/test_it_keeps_one_registry_of_step_kinds.py.
A new kind is one function, one template and one line here, plus its name in the
loader's list.
"""

from dataclasses import dataclass

from django.urls import reverse

_KINDS = {}


@dataclass(frozen=True)
class StepKind:
    code: str
    # engine: run(application, step, user, now, files, **payload) -> details
    run: object
    # the action's name on its button (lazy text)
    label: object
    # the template of the step's action(s) on the file page
    partial: str = "permits/steps/complete.html"
    # the URL name the step's form posts to (with the file's pk)
    url_name: str = "permits:complete"
    # whether that form carries a file
    multipart: bool = False


def register(code, run, label, **options):
    _KINDS[code] = StepKind(code, run, label, **options)


def get(code):
    return _KINDS[code]


def codes():
    return tuple(_KINDS)


def action_for(application, step):
    """What the file page shows the officer who holds `step`: a dict for the template."""
    kind = get(step.kind)
    return {
        "kind": kind.code,
        "label": kind.label,
        "partial": kind.partial,
        "url": reverse(kind.url_name, args=[application.pk]),
        "multipart": kind.multipart,
    }
