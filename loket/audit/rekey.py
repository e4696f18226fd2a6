"""Re-keying the audit chain: from plain SHA-256 (trails written before AUDIT_KEY), or
from an old AUDIT_KEY, to the current one.

Nothing is rewritten unless the whole chain first verifies under the old scheme: a
tampered trail is left as it is for `verify_audit` to report. The rewrite goes from
the genesis hash in order, in one transaction, and moves the head with it.
"""

from django.db import models, transaction

from loket.audit import chain
from loket.audit.models import GENESIS


class ChainBroken(Exception):
    """The chain does not verify under the old scheme: it is not re-keyed."""


def _old_digest(old_key):
    if old_key is None:
        return chain.unkeyed_digest
    return lambda event: chain.digest(event, under=old_key)


def rekey(event_model, head_model, old_key=None, chunk_size=2000):
    """Re-key every event of `event_model` (a model or a migration's historical model).

    `old_key` (bytes) is the previous AUDIT_KEY; None means the unkeyed SHA-256 chain.
    Returns the number of events rewritten; 0 when the chain is already under the key.
    """
    old = _old_digest(old_key)
    # The historical model of a migration has no append-only manager; the real one
    # refuses updates, which this one migration of the hashes bypasses on purpose.
    rows = models.QuerySet(model=event_model)
    with transaction.atomic():
        prev, expected, under_new = GENESIS, 1, True
        for event in rows.order_by("seq").iterator(chunk_size=chunk_size):
            if event.seq != expected or event.prev_hash != prev:
                raise ChainBroken(f"#{expected}")
            under_new = under_new and chain.digest(event) == event.hash
            if not under_new and old(event) != event.hash:
                raise ChainBroken(f"#{event.seq}")
            prev, expected = event.hash, event.seq + 1
        if under_new:
            return 0
        prev, count = GENESIS, 0
        for event in rows.order_by("seq").iterator(chunk_size=chunk_size):
            event.prev_hash = prev
            event.hash = chain.digest(event)
            rows.filter(pk=event.pk).update(prev_hash=event.prev_hash, hash=event.hash)
            prev, count = event.hash, count + 1
        models.QuerySet(model=head_model).filter(pk=1).update(seq=expected - 1, hash=prev)
    return count
