"""verify_audit holds the trail to its signed heads kept outside the database, and
the chain is keyed: cutting the end together with the head row, deleting the head row,
emptying the trail or recomputing every hash is found."""

import hashlib
import json

from loket.audit import chain
from loket.audit.anchor import anchor_path
from loket.audit.models import GENESIS, AuditEvent
from loket.audit.tasks import anchor_audit_head
from loket.audit.tests.helpers import some_events, sql, verdict


def _anchored(office, n=6):
    events = some_events(office, n=n)
    assert anchor_audit_head.call(repeat=False) == events[-1].seq
    return events


def test_it_finds_the_end_cut_off_with_the_head_moved_back(office):
    """Deleting the last two entries and setting the head row to the new last one
    (so the chain and its head agree) is found by the anchor."""
    events = _anchored(office)
    keep = events[-3]
    sql("DELETE FROM audit_auditevent WHERE seq > %s", [keep.seq])
    sql("UPDATE audit_audithead SET seq = %s, hash = %s", [keep.seq, keep.hash])
    ok, text = verdict()
    assert not ok and "truncated" in text and f"#{events[-1].seq}" in text


def test_it_finds_the_head_row_deleted(office):
    """The head row deleted while entries remain is reported."""
    some_events(office)
    sql("DELETE FROM audit_audithead")
    ok, text = verdict()
    assert not ok and "head-missing" in text


def test_it_finds_the_head_row_edited(office):
    """A head row whose hash was rewritten no longer matches the last entry."""
    events = some_events(office)
    sql("UPDATE audit_audithead SET hash = %s", ["f" * 64])
    ok, text = verdict()
    assert not ok and f"#{events[-1].seq}" in text and "changed" in text


def test_it_finds_an_emptied_trail(office):
    """Every entry and the head row deleted: the anchor still remembers them."""
    events = _anchored(office)
    sql("DELETE FROM audit_auditevent")
    sql("DELETE FROM audit_audithead")
    ok, text = verdict()
    assert not ok and "emptied" in text and f"#{events[-1].seq}" in text


def _rewrite_chain(events, digest):
    prev = GENESIS
    for event in events:
        event.prev_hash = prev
        event.hash = digest(event)
        sql(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s",
            [event.prev_hash, event.hash, event.seq],
        )
        prev = event.hash
    sql("UPDATE audit_audithead SET seq = %s, hash = %s", [events[-1].seq, prev])


def test_it_finds_every_hash_recomputed_without_the_key(office):
    """Editing an entry, then recomputing the whole chain with plain SHA-256 (what
    anyone with database access can do), fails at the first entry."""
    events = some_events(office)
    sql("UPDATE audit_auditevent SET actor_name = 'Orang Lain' WHERE seq = 3")
    events = list(AuditEvent.objects.order_by("seq"))

    def unkeyed(event):
        return hashlib.sha256(chain.canonical_json(chain.fields_of(event)).encode()).hexdigest()

    _rewrite_chain(events, unkeyed)
    ok, text = verdict()
    assert not ok and "#1" in text and "changed" in text


def test_it_finds_every_hash_recomputed_with_the_key_against_the_anchor(office):
    """Even with the key, a chain rewritten after it was anchored no longer matches
    the anchored hash."""
    _anchored(office)
    sql("UPDATE audit_auditevent SET actor_name = 'Orang Lain' WHERE seq = 2")
    _rewrite_chain(list(AuditEvent.objects.order_by("seq")), chain.digest)
    ok, text = verdict()
    assert not ok and "anchor-mismatch" in text


def test_it_refuses_a_forged_anchor_line(office):
    """An anchor line not signed with AUDIT_KEY (say, a lower head, written to hide a
    cut) is reported, never believed."""
    _anchored(office)
    with anchor_path().open("a") as f:
        f.write(json.dumps({"seq": 2, "hash": "0" * 64, "at": "x", "sig": "0" * 64}) + "\n")
    ok, text = verdict()
    assert not ok and "anchor-forged" in text


def test_it_anchors_only_a_new_head_and_never_a_cut_one(office, capsys):
    """The job appends a line only when the head moved forward; the command says so."""
    events = _anchored(office)
    assert anchor_audit_head.call(repeat=False) is None
    lines = anchor_path().read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["seq"] == events[-1].seq
    sql("DELETE FROM audit_auditevent WHERE seq = %s", [events[-1].seq])
    sql("UPDATE audit_audithead SET seq = %s, hash = %s", [events[-2].seq, events[-2].hash])
    assert anchor_audit_head.call(repeat=False) is None
    assert len(anchor_path().read_text().splitlines()) == 1
    ok, text = verdict()
    assert not ok and "truncated" in text


def test_it_reports_the_anchor_when_intact(office):
    """An intact, anchored trail passes and names its anchor."""
    events = _anchored(office)
    ok, text = verdict()
    assert ok and f"Anchored: #{events[-1].seq}" in text
