"""An untouched trail passes, and an empty one too."""

from loket.audit.models import AuditEvent
from loket.audit.tests.helpers import some_events, verdict
from loket.audit.verify import verify_chain


def test_it_passes_an_empty_trail(db):
    """Nothing written yet: OK."""
    AuditEvent.objects.all()  # the migration made the head, no events
    ok, text = verdict()
    assert ok and text.startswith("OK")


def test_it_passes_an_intact_trail(office):
    """Every event links to the one before; the command says OK and how many it checked."""
    some_events(office, n=4)
    before = AuditEvent.objects.count()
    report = verify_chain()
    assert report.ok and report.checked == before == report.head_seq
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, before + 1))
    assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
