"""verify_audit notices entries whose order was changed."""

from loket.audit.tests.helpers import some_events, sql, verdict


def test_it_finds_two_entries_swapped(office):
    """Swapping the numbers of #2 and #3 is reported as a reordering at #2, naming the
    entry's original number."""
    events = some_events(office)
    sql("UPDATE audit_auditevent SET seq = -1 WHERE seq = 2")
    sql("UPDATE audit_auditevent SET seq = 2 WHERE seq = 3")
    sql("UPDATE audit_auditevent SET seq = 3 WHERE seq = -1")
    ok, text = verdict()
    assert not ok
    assert "#2" in text and "reordered" in text and "#3" in text
    assert events[1].hash != events[2].hash


def test_it_finds_entries_with_swapped_times(office):
    """Swapping two entries' times (to make one look earlier) changes both."""
    some_events(office)
    sql(
        "UPDATE audit_auditevent SET at = (SELECT at FROM audit_auditevent WHERE seq = 1) "
        "WHERE seq = 6"
    )
    ok, text = verdict()
    assert not ok and "#6" in text and "changed" in text
