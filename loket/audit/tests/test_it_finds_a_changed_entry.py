"""verify_audit names the first entry whose stored fields were edited in the database."""

from loket.audit.tests.helpers import some_events, sql, verdict


def test_it_finds_an_entry_edited_by_raw_sql(office):
    """Changing one field of entry #3 directly in the table is reported as entry #3 changed."""
    events = some_events(office)
    assert verdict()[0]
    sql("UPDATE audit_auditevent SET actor_name = %s WHERE seq = %s", ["Orang Lain", 3])
    ok, text = verdict()
    assert not ok
    assert "#3" in text and "changed" in text
    assert events[2].action in text


def test_it_finds_an_edited_summary(office):
    """A rewritten summary (the ids an action touched) breaks the entry's hash."""
    some_events(office)
    sql("UPDATE audit_auditevent SET summary = %s WHERE seq = %s", ['{"i": 99}', 5])
    ok, text = verdict()
    assert not ok and "#5" in text and "changed" in text


def test_it_finds_an_entry_replaced_with_a_recomputed_hash(office):
    """Editing entry #2 and writing a matching hash still breaks the link from #3."""
    from loket.audit import chain
    from loket.audit.models import AuditEvent

    some_events(office)
    event = AuditEvent.objects.get(seq=2)
    event.actor_name = "Orang Lain"
    sql(
        "UPDATE audit_auditevent SET actor_name = %s, hash = %s WHERE seq = 2",
        ["Orang Lain", chain.digest(event)],
    )
    ok, text = verdict()
    assert not ok and "#2" in text and "relinked" in text
