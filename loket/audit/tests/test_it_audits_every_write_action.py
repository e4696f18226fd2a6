"""Every public function of an actions module that writes also records an audit event.

Read from the source: a new action that writes (create, update, save, delete...) without
calling `audit.record` fails here until it records its event, or is named below with
the reason it needs none.
"""

import ast
from pathlib import Path

from django.conf import settings

MODULES = [
    "loket/permits/actions.py",
    "loket/permits/issuance.py",
    "loket/permits/issuance_signing.py",
    "loket/permits/issuance_certificates.py",
    "loket/accounts/actions.py",
    "loket/standards/actions.py",
    "loket/complaints/actions.py",
    "loket/notify/actions.py",
    "loket/surveys/actions.py",
]
WRITES = {"create", "bulk_create", "update", "save", "delete", "update_or_create", "get_or_create"}
# Writes that are one part of an action recorded by its caller.
PART_OF_ANOTHER_ACTION = {
    "loket/permits/actions.py:next_in_sequence": "advances a number inside the caller's action",
    "loket/permits/issuance.py:issue_permit": "part of step 8, recorded by complete_step",
    "loket/permits/issuance_signing.py:sign_document": "step 7, recorded by complete_step",
    "loket/permits/issuance.py:record_collection": "part of step 9, recorded by complete_step",
    "loket/notify/actions.py:queue_message": "queued inside the action that causes it",
    "loket/notify/actions.py:create_letter": "made inside the action that sends it "
    "(permits.send_uncollected_letter)",
}


def _calls(node):
    for child in ast.walk(node):
        if isinstance(child, ast.Call) and isinstance(child.func, ast.Attribute):
            yield child.func


def _writes(function):
    return any(attr.attr in WRITES for attr in _calls(function))


def _records(function):
    return any(
        attr.attr == "record" and isinstance(attr.value, ast.Name) and attr.value.id == "audit"
        for attr in _calls(function)
    )


def _public_functions(path):
    tree = ast.parse((Path(settings.BASE_DIR) / path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node


def test_it_audits_every_write_action():
    """No public action writes without recording its event."""
    missing, checked = [], 0
    for path in MODULES:
        for function in _public_functions(path):
            key = f"{path}:{function.name}"
            if not _writes(function) or key in PART_OF_ANOTHER_ACTION:
                continue
            checked += 1
            if not _records(function):
                missing.append(key)
    assert not missing, f"write actions without audit.record(...): {missing}"
    assert checked >= 25  # the actions of the seven modules, not an empty walk


def test_it_knows_a_write_without_a_record():
    """The check itself sees a write without an event (so the test above can fail)."""
    tree = ast.parse("def act(x):\n    X.objects.filter(pk=1).update(a=1)\n")
    assert _writes(tree.body[0]) and not _records(tree.body[0])
