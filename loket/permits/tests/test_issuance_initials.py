"""Initials count only on the exact draft: a redraft sends the file back to step 4."""

import pytest

from loket.core.errors import NotAllowed
from loket.permits import actions, issuance
from loket.permits.models import Application, Approval
from loket.testing import advance


def test_it_sends_the_file_back_to_step_4_when_the_draft_is_reprinted(application, officers):
    """After a redraft at step 7 the earlier initials no longer count; initials are redone
    on the new draft and only then can the Kepala Dinas sign."""
    application = advance(application, officers, 7)
    with pytest.raises(NotAllowed):
        issuance.regenerate_draft(application, officers["front_office"], "salah ketik")
    # The data behind the draft is corrected, so the reprinted draft differs.
    Application.objects.filter(pk=application.pk).update(
        answers={**application.answers, "workplace_name": "Puskesmas Rejosari"}
    )
    application = issuance.regenerate_draft(application, officers["back_office"], "salah ketik")
    assert application.current_step == 4
    assert application.card_entries.filter(event="redrafted").count() == 1
    new = application.drafts.first()
    assert not application.approvals.filter(draft_sha256=new.sha256).exists()
    application = advance(application, officers, 8)
    signed = application.approvals.get(kind=Approval.SIGNATURE)
    assert signed.draft_sha256 == new.sha256
    assert application.approvals.filter(kind="paraf", draft_sha256=new.sha256).count() == 3
    done = actions.complete_step(application, officers["back_office"], 8)
    assert done.permit.sha256
