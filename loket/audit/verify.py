"""Walking the audit chain: the first entry that was changed, removed or reordered.

Each event's hash covers its fields and the previous event's hash. Walking in order
of number (seq) from the genesis hash:

- a number missing from the sequence means entries were removed;
- an event whose fields no longer give its hash was changed, unless its fields give
  its hash under another number: then it was moved (the trail was reordered);
- an intact event whose previous-hash is not the hash before it means the event
  before it was replaced (edited, with its own hash recomputed);
- the head row (the last number and hash written) catches entries cut off the end,
  and entries added after it without going through `record`;
- the newest signed anchor outside the database (loket/audit/anchor.py) catches what
  a writer of the database could hide from the head row: entries cut off together with
  the head moved back, the head row deleted, the trail emptied, the whole chain
  recomputed. Hashes are HMACs under AUDIT_KEY (chain.py), so a chain recomputed
  without the key already fails at its first entry.

The walk reads the head first and checks the events up to it, so actions committing
meanwhile (they always move the head with their event) are left for the next run.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from loket.audit import chain
from loket.audit.anchor import Anchor, read_anchors
from loket.audit.models import GENESIS, AuditEvent, AuditHead

CHANGED, REMOVED, REORDERED, RELINKED, TRUNCATED, UNCHAINED = (
    "changed",
    "removed",
    "reordered",
    "relinked",
    "truncated",
    "unchained",
)
HEAD_MISSING, EMPTIED, ANCHOR_MISMATCH, ANCHOR_FORGED = (
    "head-missing",
    "emptied",
    "anchor-mismatch",
    "anchor-forged",
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
    anchor: Anchor | None = None

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


def _check_anchor(newest, forged, last_seq, last_hash):
    """The trail against the newest signed head kept outside the database."""
    if forged:
        return Problem(
            0,
            ANCHOR_FORGED,
            _("Berkas jangkar memuat %(n)s baris yang tanda tangannya tidak sah.") % {"n": forged},
        )
    if newest is None:
        return None
    if last_seq == 0:
        return Problem(
            1,
            EMPTIED,
            _("Jejak audit kosong, padahal jangkar %(at)s mencatat sampai #%(seq)s.")
            % {"at": newest.at, "seq": newest.seq},
        )
    if last_seq < newest.seq:
        return Problem(
            last_seq + 1,
            TRUNCATED,
            _(
                "Entri terakhir hilang: jejak berakhir di #%(last)s, padahal jangkar %(at)s "
                "mencatat sampai #%(seq)s."
            )
            % {"last": last_seq, "at": newest.at, "seq": newest.seq},
        )
    anchored = AuditEvent.objects.filter(seq=newest.seq).values_list("hash", flat=True).first()
    if anchored != newest.hash:
        return Problem(
            newest.seq,
            ANCHOR_MISMATCH,
            _(
                "Entri #%(seq)s tidak cocok dengan jangkar %(at)s: rantai sampai entri itu "
                "ditulis ulang."
            )
            % {"seq": newest.seq, "at": newest.at},
        )
    return None


def verify_chain(chunk_size=2000):
    """Walk the chain up to its head; a Report whose `problem` is the first one found."""
    anchors, forged = read_anchors()
    newest = max(anchors, key=lambda a: a.seq, default=None)
    head = AuditHead.objects.filter(pk=AuditHead.ONE).first()
    events = AuditEvent.objects.order_by("seq")
    if head is not None:
        events = events.filter(seq__lte=head.seq)
    report = Report(
        checked=0,
        head_seq=head.seq if head else 0,
        head_hash=head.hash if head else "",
        anchor=newest,
    )
    if head is None and AuditEvent.objects.exists():
        report.problem = Problem(
            0,
            HEAD_MISSING,
            _("Ujung jejak audit (baris kepala) dihapus, padahal jejak berisi entri."),
        )
        return report
    expected_seq, prev_hash = 1, GENESIS
    for event in events.iterator(chunk_size=chunk_size):
        report.problem = _check(event, expected_seq, prev_hash, chunk_size)
        if report.problem is not None:
            return report
        report.checked += 1
        expected_seq, prev_hash = event.seq + 1, event.hash
    if head is not None:
        report.problem = _check_head(head, expected_seq - 1, prev_hash)
    if report.problem is None:
        report.problem = _check_anchor(newest, forged, expected_seq - 1, prev_hash)
    return report
