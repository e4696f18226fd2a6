"""Every message in the code has its English: extracting the messages afresh (Django's
makemessages, into a copy of the catalogue) leaves no empty msgstr and no fuzzy entry.

A string added to the code without its English, or whose English went stale when its
Indonesian changed, makes this fail with the msgids at fault.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

LOKET = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs Debian gettext")


def _entries(po_text):
    """(flags, msgid, msgstr, msgstr[n]...) of each entry of a .po file, header left out."""
    entries = []
    for block in po_text.split("\n\n"):
        lines = [line for line in block.splitlines() if line.strip()]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields, current = {}, None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current] += line[1:-1]
                continue
            key, _space, value = line.partition(" ")
            current = key
            fields[key] = value[1:-1]
        if fields.get("msgid"):
            entries.append((flags, fields))
    return entries


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """The English catalogue as makemessages would write it today, in a copy of loket/."""
    copy = tmp_path_factory.mktemp("messages") / "loket"
    shutil.copytree(
        LOKET, copy, ignore=shutil.ignore_patterns("__pycache__", "tests", "static", "*.mo")
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env={
            "DJANGO_SETTINGS_MODULE": "loket.settings",
            "PYTHONPATH": str(LOKET.parent),
            "PATH": "/usr/bin:/bin",
        },
        check=True,
        capture_output=True,
    )
    return (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text()


def test_every_message_has_its_english(fresh_catalogue):
    """No msgid of the code is left with an empty msgstr (singular or plural)."""
    empty = [
        fields["msgid"]
        for _flags, fields in _entries(fresh_catalogue)
        if any(key.startswith("msgstr") and not value for key, value in fields.items())
    ]
    assert empty == []


def test_no_english_is_fuzzy(fresh_catalogue):
    """No entry is marked fuzzy: a guessed English is not shown until someone checks it."""
    fuzzy = [fields["msgid"] for flags, fields in _entries(fresh_catalogue) if "fuzzy" in flags]
    assert fuzzy == []
