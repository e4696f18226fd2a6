"""docs/privacy.md's table of who opens what is the permission table's answer: each
officer role, each kind of record, "ya" exactly where loket/accounts/permissions.py
lets that role read it (an object of their own office)."""

import re
from pathlib import Path

from django.conf import settings

from loket.accounts import permissions as table

# The table's columns: the URL whose GET rule decides each kind of record.
COLUMNS = {
    "Berkas izin": "permits:detail",
    "Dokumen unggahan": "permits:document",
    "PDF berkas (tanda terima, kartu kendali)": "permits:card_pdf",
    "Pengaduan": "complaints:detail",
    "Register pengaduan": "complaints:register",
    "Laporan SKM": "surveys:report",
    "Jejak audit": "audit:trail",
}


def _documented():
    text = (Path(settings.BASE_DIR) / "docs" / "privacy.md").read_text(encoding="utf-8")
    block = text.split("<!-- who-opens-what -->")[1]
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in block.strip().splitlines()
        if line.startswith("|") and not re.match(r"^\|[-| ]+\|$", line)
    ]
    header, *body = rows
    return header, {row[0].strip("`"): dict(zip(header[1:], row[1:], strict=True)) for row in body}


def test_the_privacy_notice_matches_the_permission_table(officers, office):
    """Every officer role is in the notice, and every cell agrees with the table."""
    header, documented = _documented()
    assert header[1:] == list(COLUMNS)
    assert set(documented) == set(officers)
    wrong = []
    for role, user in officers.items():
        for column, url in COLUMNS.items():
            allowed = table.allows(table.URLS[url].get, user, office=office)
            said = documented[role][column]
            if said != ("ya" if allowed else "tidak"):
                wrong.append(f"{role} / {column}: notice says {said}, table says {allowed}")
    assert not wrong, "\n".join(wrong)


def test_the_complaint_desk_sees_complaints_not_permit_files(officers, office):
    """The notice's promise for pengelola_pengaduan, as the table has it."""
    _header, documented = _documented()
    clerk = documented["pengelola_pengaduan"]
    assert clerk["Pengaduan"] == "ya" and clerk["Berkas izin"] == "tidak"
    assert clerk["Dokumen unggahan"] == "tidak"
