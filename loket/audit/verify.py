"""Walking the audit chain: the first entry that was changed, removed or reordered.

Each event's hash covers its fields and the previous event's hash. Walking in order
of number (seq) from the genesis hash:

- a number missing from the sequence means entries were removed;
- an event whose fields no longer give its hash was changed, unless its fields give
  its hash under another number: then it was moved (the trail was reordered);
- an intact event whose previous-hash is not the hash before it means the event
  before it was replaced (edited, with its own hash recomputed);
- the head row (the last number and hash written) catches entries cut off the end,
  and entries added after it without going through `record`.

The walk reads the head first and checks the events up to it, so actions committing
meanwhile (they always move the head with their event) are left for the next run.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from loket.audit import chain
from loket.audit.models import GENESIS, AuditEvent, AuditHead

CHANGED, REMOVED, REORDERED, RELINKED, TRUNCATED, UNCHAINED = (
    "changed",
    "removed",
    "reordered",
    "relinked",
    "truncated",
    "unchained",
)


@dataclass
class Problem:
    seq: int
    kind: str
    message: str

    def __str__(self):
        return self.message


@dataclass
class Report:
    checked: int
    head_seq: int
    head_hash: str
    problem: Problem | None = None

    @property
    def ok(self):
        return self.problem is None


def _label(event):
    return f"#{event.seq} ({event.action}, {event.at:%Y-%m-%d %H:%M:%S} UTC)"


def _moved_from(event, numbers):
    for seq in numbers:
        if seq != event.seq and chain.digest(event, seq=seq) == event.hash:
            return seq
    return None


def _check(event, expected_seq, prev_hash, chunk_size):
    """The problem of one event in its place, or None."""
    if event.seq > expected_seq:
        gone = (
            f"#{expected_seq}"
            if event.seq == expected_seq + 1
            else f"#{expected_seq}–#{event.seq - 1}"
        )
        return Problem(
            expected_seq,
            REMOVED,
            _("Entri %(gone)s hilang (dihapus): setelah #%(before)s langsung %(next)s.")
            % {"gone": gone, "before": expected_seq - 1, "next": _label(event)},
        )
    if chain.digest(event) != event.hash:
        numbers = AuditEvent.objects.order_by("seq").values_list("seq", flat=True)
        moved = _moved_from(event, numbers.iterator(chunk_size=chunk_size))
        if moved is not None:
            return Problem(
                event.seq,
                REORDERED,
                _("Urutan diubah: entri %(entry)s semula bernomor #%(was)s.")
                % {"entry": _label(event), "was": moved},
            )
        return Problem(
            event.seq,
            CHANGED,
            _("Entri %(entry)s diubah: isinya tidak cocok lagi dengan hash-nya.")
            % {"entry": _label(event)},
        )
    if event.prev_hash != prev_hash:
        return Problem(
            event.seq - 1,
            RELINKED,
            _(
                "Entri #%(prev)s diganti (hash-nya dihitung ulang): entri %(entry)s "
                "tidak lagi menyambung ke hash entri sebelumnya."
            )
            % {"prev": event.seq - 1, "entry": _label(event)},
        )
    return None


def _check_head(head, last_seq, last_hash):
    if head.seq > last_seq:
        return Problem(
            last_seq + 1,
            TRUNCATED,
            _("Entri terakhir hilang: jejak berakhir di #%(last)s, seharusnya di #%(head)s.")
            % {"last": last_seq, "head": head.seq},
        )
    if head.hash != last_hash:
        return Problem(
            last_seq,
            CHANGED,
            _("Ujung jejak (#%(head)s) tidak cocok dengan hash entri #%(last)s.")
            % {"last": last_seq, "head": head.seq},
        )
    # Events past the head: written around `record`, or appended while we walked.
    beyond = AuditEvent.objects.filter(seq__gt=head.seq).order_by("seq").first()
    now = AuditHead.objects.filter(pk=AuditHead.ONE).first()
    if beyond is not None and now is not None and beyond.seq > now.seq:
        return Problem(
            beyond.seq,
            UNCHAINED,
            _("Entri %(entry)s berada di luar rantai (ditambahkan tanpa melalui sistem).")
            % {"entry": _label(beyond)},
        )
    return None


def verify_chain(chunk_size=2000):
    """Walk the chain up to its head; a Report whose `problem` is the first one found."""
    head = AuditHead.objects.filter(pk=AuditHead.ONE).first()
    events = AuditEvent.objects.order_by("seq")
    if head is not None:
        events = events.filter(seq__lte=head.seq)
    report = Report(
        checked=0, head_seq=head.seq if head else 0, head_hash=head.hash if head else ""
    )
    expected_seq, prev_hash = 1, GENESIS
    for event in events.iterator(chunk_size=chunk_size):
        report.problem = _check(event, expected_seq, prev_hash, chunk_size)
        if report.problem is not None:
            return report
        report.checked += 1
        expected_seq, prev_hash = event.seq + 1, event.hash
    if head is not None:
        report.problem = _check_head(head, expected_seq - 1, prev_hash)
    return report
