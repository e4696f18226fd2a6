"""The SOP engine's moving parts, shared by the step actions (actions.py) and issuance
(issuance.py): open a step's task, write a control-card line, close a task and move the
file on. They write inside the caller's transaction and record nothing on the audit
trail themselves: the action that calls them records what the officer did.
"""

from django.utils.translation import gettext as _

from loket.core.errors import Conflict
from loket.permits import signals
from loket.permits.models import Application, ControlCardEntry, Task


def person_name(user):
    """How the control card names the officer (or applicant) who initialled a line."""
    return (user.get_full_name() or user.username) if user else ""


def card_line(
    application, task, event, user, at, *, role=None, step_no=None, details=None, timing=None
):
    """One line of the control card; `timing` is (standard, elapsed, late) minutes."""
    standard, elapsed, late = timing or (None, None, None)
    return ControlCardEntry.objects.create(
        application=application,
        task=task,
        step_no=step_no if step_no is not None else task.step_no,
        role=role or task.role,
        event=event,
        officer=user,
        officer_name=person_name(user),
        at=at,
        standard_minutes=standard,
        elapsed_minutes=elapsed,
        late_minutes=late,
        details=details or {},
    )


def open_task(application, step, at, calendar):
    """Open `step`'s task at `at`, due after the step's standard in working time."""
    minutes = step.time.working_minutes(calendar.minutes_per_day())
    return Task.objects.create(
        application=application,
        office=application.office,
        step_no=step.no,
        role=step.role,
        opened_at=at,
        due_at=calendar.add_minutes(at, minutes),
    )


def step_timing(task, at, step, calendar):
    """(standard, elapsed, late) working minutes of a task handed over at `at`."""
    standard = step.time.working_minutes(calendar.minutes_per_day())
    elapsed = calendar.minutes_between(task.opened_at, at)
    return standard, elapsed, elapsed - standard


def due_at(spec, at, calendar):
    """When a file filed at `at` is due: the standard's whole time in working time."""
    return calendar.add_minutes(at, spec.total_time.working_minutes(calendar.minutes_per_day()))


def close_task(application, task, user, at, calendar, outcome, details=None):
    """Close the open task exactly once; a second officer racing us gets Conflict."""
    step = application.spec.step(task.step_no)
    closed = Task.objects.filter(pk=task.pk, closed_at__isnull=True).update(
        closed_at=at, closed_by=user, outcome=outcome
    )
    if not closed:
        raise Conflict(_("Langkah ini baru saja diselesaikan oleh petugas lain."))
    if task.received_at is None and task.step_no != 1:
        Task.objects.filter(pk=task.pk).update(received_at=at, received_by=user)
        card_line(application, task, ControlCardEntry.RECEIVED, user, at)
    event = ControlCardEntry.HANDED_OVER if outcome == Task.DONE else ControlCardEntry.RETURNED
    card_line(
        application,
        task,
        event,
        user,
        at,
        details=details,
        timing=step_timing(task, at, step, calendar),
    )
    following = application.spec.next_step(step.no)
    if outcome == Task.RETURNED:
        application.status = Application.RETURNED
        application.save(update_fields=["status", "to_fix"])
    elif following is None:
        application.status = Application.COLLECTED
        application.closed_at = at
        application.save(update_fields=["status", "closed_at"])
        signals.application_closed.send(Application, application=application)
    else:
        application.current_step = following.no
        application.save(update_fields=["current_step"])
        open_task(application, following, at, calendar)
