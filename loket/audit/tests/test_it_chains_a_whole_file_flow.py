"""A file walked through the nine SOP steps leaves a valid chain of its actions, in order."""

from loket.audit.models import AuditEvent
from loket.audit.verify import verify_chain
from loket.testing import advance, ensure_signing_certificate


def test_it_records_every_step_of_a_file_in_order(application, officers):
    """Filing, then steps 2..9 each as the step's officer, with the step's role and office."""
    ensure_signing_certificate(officers["kepala_dinas"])  # his key ceremony, beforehand
    application = advance(application, officers, 10)
    assert not application.is_open

    events = list(AuditEvent.objects.filter(object_id=str(application.pk)).order_by("seq"))
    filing, *steps = [e for e in events if e.object_type == "permits.application"]
    assert filing.action == "permits.file_application"
    assert filing.actor_id == application.applicant.user_id and filing.role == "pemohon"
    assert [e.action for e in steps] == ["permits.complete_step"] * 8
    assert [e.summary["step_no"] for e in steps] == list(range(2, 10))
    spec = application.spec
    for event in steps:
        role = spec.step(event.summary["step_no"]).role
        assert (event.role, event.actor_id) == (role, officers[role].pk)
        assert event.office_id == application.office_id
    assert steps[6].summary["number"] == application.permit.number  # step 8 numbers

    report = verify_chain()
    assert report.ok, report.problem
    assert report.checked == AuditEvent.objects.count()
    actions = list(AuditEvent.objects.order_by("seq").values_list("action", flat=True))
    order = ["standards.load_standard", "accounts.register_applicant", "permits.file_application"]
    assert [a for a in actions if a in order] == order
    assert actions[-8:] == ["permits.complete_step"] * 8
