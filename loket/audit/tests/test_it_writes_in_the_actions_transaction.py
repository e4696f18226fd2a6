"""The event commits with its action or not at all."""

import pytest
from django.db import transaction

from loket import audit
from loket.audit.models import AuditEvent, AuditHead
from loket.core.errors import NotAllowed
from loket.permits import actions


def test_it_rolls_back_with_the_transaction(office):
    """An event written in a transaction that fails is gone, and the head is unchanged."""
    head = AuditHead.objects.get()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record("test.event", actor=None, office=office)
        raise RuntimeError("the action failed after recording")
    assert not AuditEvent.objects.filter(action="test.event").exists()
    assert AuditHead.objects.get().seq == head.seq


def test_it_records_nothing_for_a_refused_action(application, officers):
    """A Back Office officer trying step 2 is refused and leaves no event."""
    before = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        actions.complete_step(application, officers["back_office"], 2, checked=[])
    assert AuditEvent.objects.count() == before


def test_it_records_nothing_when_step_8_cannot_seal(application, officers, settings, tmp_path):
    """Numbering fails without a timestamp authority: no number, no event for step 8."""
    from loket.core.errors import Invalid
    from loket.testing import advance

    application = advance(application, officers, 8)
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # nothing listens there
    before = AuditEvent.objects.count()
    with pytest.raises(Invalid):
        actions.complete_step(application, officers["back_office"], 8)
    assert AuditEvent.objects.count() == before
