"""Control-card entries with known working times, for the supervision tests."""

from django.utils import timezone

from loket.permits.models import ControlCardEntry


def handover(application, step_no, role, officer, elapsed, standard, at=None):
    return ControlCardEntry.objects.create(
        application=application,
        step_no=step_no,
        role=role,
        event=ControlCardEntry.HANDED_OVER,
        officer=officer,
        officer_name=officer.get_full_name() or officer.username,
        at=at or timezone.now(),
        standard_minutes=standard,
        elapsed_minutes=elapsed,
        late_minutes=elapsed - standard,
    )
