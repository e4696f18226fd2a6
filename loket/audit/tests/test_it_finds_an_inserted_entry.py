"""verify_audit notices an entry written into the table by hand, past the chain's head."""

from loket.audit.models import AuditEvent
from loket.audit.tests.helpers import some_events, sql, verdict


def test_it_finds_an_entry_appended_by_hand(office):
    """A copy of the last entry inserted with the next number is outside the chain."""
    last = some_events(office, n=3)[-1]
    columns = [f.column for f in AuditEvent._meta.concrete_fields if f.column not in ("id", "seq")]
    sql(
        f"INSERT INTO audit_auditevent (seq, {', '.join(columns)}) "
        f"SELECT seq + 1, {', '.join(columns)} FROM audit_auditevent WHERE seq = %s",
        [last.seq],
    )
    ok, text = verdict()
    assert not ok and f"#{last.seq + 1}" in text and "unchained" in text
