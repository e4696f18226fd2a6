"""`manage.py rekey_audit` puts a trail written before AUDIT_KEY (plain SHA-256) under
the key, from the genesis hash; a broken trail is refused, untouched."""

import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from loket.audit import chain
from loket.audit.anchor import latest_anchor
from loket.audit.models import GENESIS, AuditEvent
from loket.audit.tests.helpers import some_events, sql, verdict


def _unkeyed(event):
    return hashlib.sha256(chain.canonical_json(chain.fields_of(event)).encode()).hexdigest()


def _write_unkeyed(office):
    some_events(office)
    prev = GENESIS
    for event in AuditEvent.objects.order_by("seq"):
        event.prev_hash = prev
        event.hash = _unkeyed(event)
        sql(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE seq = %s",
            [event.prev_hash, event.hash, event.seq],
        )
        prev = event.hash
    sql("UPDATE audit_audithead SET hash = %s", [prev])


def test_it_rekeys_an_intact_unkeyed_chain(office):
    """The old chain fails verification until re-keyed, then passes and is anchored."""
    _write_unkeyed(office)
    assert not verdict()[0]
    out = StringIO()
    call_command("rekey_audit", stdout=out)
    assert f"Re-keyed {AuditEvent.objects.count()} entries" in out.getvalue()
    ok, text = verdict()
    assert ok, text
    assert latest_anchor().seq == AuditEvent.objects.order_by("-seq").first().seq


def test_it_refuses_to_rekey_a_tampered_chain(office):
    """An entry edited before re-keying: nothing is rewritten, the edit stays visible."""
    _write_unkeyed(office)
    sql("UPDATE audit_auditevent SET actor_name = 'Orang Lain' WHERE seq = 4")
    before = list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True))
    with pytest.raises(CommandError, match="#4"):
        call_command("rekey_audit", stdout=StringIO())
    assert list(AuditEvent.objects.order_by("seq").values_list("hash", flat=True)) == before
