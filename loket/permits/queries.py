"""Reads of the permits app, shaped so list pages run a fixed number of queries."""

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from loket.core.roles import (
    BACK_OFFICE,
    FRONT_OFFICE,
    KEPALA_DINAS,
    PEMOHON,
    acts_as,
    office_of,
    role_label,
    roles_of,
)
from loket.permits import step_kinds
from loket.permits.actions import open_task_for
from loket.permits.answers import answer_rows
from loket.permits.models import Application, ControlCardEntry, Task
from loket.standards.models import StandardVersion


def inbox(office, roles):
    """Open tasks of the given roles in the office, soonest due first."""
    return (
        Task.objects.filter(office=office, role__in=roles, closed_at__isnull=True)
        .select_related("application__applicant", "application__version__service")
        # Each row would otherwise decode the whole standard's JSON; the parsed spec
        # comes from the per-process cache (StandardVersion.spec).
        .defer("application__version__data")
        .annotate(
            is_late=ExpressionWrapper(Q(due_at__lt=timezone.now()), output_field=BooleanField())
        )
        .order_by("due_at", "pk")
    )


def application_list(queryset):
    return (
        queryset.select_related("applicant", "version__service")
        .defer("version__data")
        .order_by("-filed_at")
    )


def card_rows(application):
    """The control card with each step's name and standard, ready to show or print."""
    spec = application.spec
    online = application.channel == Application.ONLINE
    rows = []
    for entry in application.card_entries.select_related("officer").order_by("at", "pk"):
        step = spec.step(entry.step_no)
        row = {
            "entry": entry,
            "step": step,
            "label": step.label,
            "role": role_label(entry.role),
            "to_fix": application.fix_items((entry.details or {}).get("to_fix")),
        }
        if online and entry.step_no == 1:
            # Online the applicant files for themself: step 1's lines are their filing,
            # not the counter's step initialled by the applicant.
            row["label"] = _("Pengajuan daring oleh pemohon")
            row["role"] = role_label(PEMOHON)
            row["officer"] = _("%(name)s (pemohon)") % {"name": entry.officer_name}
        rows.append(row)
    return rows


def step_states(application):
    done = application.current_step if application.is_open else len(application.spec.steps) + 1
    return [
        {
            "step": s,
            "role": role_label(s.role),
            "state": "done" if s.no < done else ("current" if s.no == done else "todo"),
        }
        for s in application.spec.steps
    ]


def detail_context(application, user):
    spec = application.spec
    task = open_task_for(application)
    step = spec.step(task.step_no) if task else None
    documents = application.documents.filter(replaced=False)
    can_act = bool(task and acts_as(user, step.role, application.office))
    reqs = spec.requirements_for(application.kind)
    by_req = {d.requirement: d for d in documents}
    roles = roles_of(user)
    permit = getattr(application, "permit", None)
    mine = application.office_id == getattr(office_of(user), "pk", None)
    return {
        "application": application,
        "spec": spec,
        "task": task,
        "step_action": step_kinds.action_for(application, step) if can_act else None,
        # What else this officer may do here (the template names no role or kind).
        "can_redraft": mine
        and BACK_OFFICE in roles
        and application.is_open
        and step is not None
        and step.kind in ("initial", "sign"),
        "can_correct_identity": mine
        and FRONT_OFFICE in roles
        and not application.applicant.anonymised_at,
        "can_revoke": mine
        and KEPALA_DINAS in roles
        and permit is not None
        and permit.status != "revoked"
        and bool(permit.stored_name),
        "step": step,
        "step_role": role_label(step.role) if step else "",
        "can_act": can_act,
        "requirements": [{"req": r, "doc": by_req.get(r.code)} for r in reqs],
        "answers": answer_rows(application),
        "card": card_rows(application),
        "steps": step_states(application),
        "is_owner": application.applicant.user_id == user.pk,
        "draft": application.drafts.first(),
        "permit": permit,
        "now": timezone.now(),
    }


def track(reg_number, code):
    """The public tracking page's one query: the file and its service's name.

    Only the fields the page shows are read; the standard itself comes from the
    per-process cache of parsed versions, so its JSON is not fetched, and the step
    being worked on follows from the status (Application.open_step).
    """
    found = (
        Application.objects.filter(reg_number=reg_number, tracking_code=code)
        .select_related("version__service")
        .only(
            "reg_number",
            "status",
            "closed_at",
            "completed_at",
            "current_step",
            "to_fix",
            "due_at",
            "version__service__name",
            *(f"version__{name}" for name in StandardVersion.SPEC_KEY_FIELDS),
        )[:1]
    )
    return found[0] if found else None


def late_entries(application):
    return application.card_entries.filter(event=ControlCardEntry.HANDED_OVER, late_minutes__gt=0)
