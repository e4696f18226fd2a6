"""Signed heads of the audit chain, appended to a file outside the database.

The head row (AuditHead) lives in the database, so whoever can rewrite the trail can
rewrite it too: cut the last entries and move the head back, or empty the trail. A
periodic job (loket/audit/tasks.py) therefore appends the head it finds, signed with
AUDIT_KEY, to an append-only file (AUDIT_ANCHOR_PATH, default VAR_DIR/audit-anchor.jsonl).
`verify_audit` then checks the trail still reaches the newest anchor, with the same
hash. Entries written after the newest anchor are covered only by the head row: the
anchor interval (AUDIT_ANCHOR_EVERY_SECONDS) is how much can be cut unnoticed.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from loket.audit import chain
from loket.audit.models import AuditHead


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: str


def anchor_path():
    return Path(settings.AUDIT_ANCHOR_PATH or Path(settings.VAR_DIR) / "audit-anchor.jsonl")


def _signed(seq, hash_, at):
    values = {"seq": seq, "hash": hash_, "at": at}
    return {**values, "sig": chain.sign(values)}


def read_anchors():
    """(anchors whose signature holds, number of lines that are not such an anchor)."""
    path = anchor_path()
    if not path.exists():
        return [], 0
    good, bad = [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            values = {"seq": int(data["seq"]), "hash": str(data["hash"]), "at": str(data["at"])}
            genuine = chain.sign(values) == data["sig"]
        except (ValueError, KeyError, TypeError):
            genuine = False
        if genuine:
            good.append(Anchor(**values))
        else:
            bad += 1
    return good, bad


def latest_anchor():
    anchors, _bad = read_anchors()
    return max(anchors, key=lambda a: a.seq, default=None)


def _append(line):
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_APPEND: each line lands at the end even with two writers; fsync before returning.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (json.dumps(line, sort_keys=True) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def write_anchor(force=False):
    """Append the current head, signed; None when it is already the newest anchor.

    A head behind the newest anchor (the trail was cut) is never anchored: that would
    hide the cut from later checks.
    """
    head = AuditHead.objects.filter(pk=AuditHead.ONE).first()
    if head is None or head.seq == 0:
        return None
    newest = latest_anchor()
    if newest is not None and not force:
        if newest.seq > head.seq or (newest.seq, newest.hash) == (head.seq, head.hash):
            return None
    line = _signed(head.seq, head.hash, timezone.now().isoformat(timespec="seconds"))
    _append(line)
    return Anchor(line["seq"], line["hash"], line["at"])
