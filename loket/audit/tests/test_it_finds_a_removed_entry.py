"""verify_audit notices entries deleted from the middle or cut off the end."""

from loket.audit.tests.helpers import some_events, sql, verdict


def test_it_finds_an_entry_deleted_from_the_middle(office):
    """Deleting entry #4 is reported as #4 removed."""
    some_events(office)
    sql("DELETE FROM audit_auditevent WHERE seq = 4")
    ok, text = verdict()
    assert not ok
    assert "#4" in text and "removed" in text


def test_it_finds_the_last_entry_deleted(office):
    """Deleting the newest entry is caught by the chain's head."""
    last = some_events(office, n=5)[-1].seq
    sql("DELETE FROM audit_auditevent WHERE seq = %s", [last])
    ok, text = verdict()
    assert not ok and f"#{last}" in text and "truncated" in text


def test_it_finds_entries_removed_and_renumbered(office):
    """Deleting #3 and renumbering the later entries to close the gap is still found."""
    some_events(office)
    sql("DELETE FROM audit_auditevent WHERE seq = 3")
    for seq in (4, 5, 6):
        sql("UPDATE audit_auditevent SET seq = %s WHERE seq = %s", [seq - 1, seq])
    ok, text = verdict()
    assert not ok and "#3" in text
