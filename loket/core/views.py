"""The kernel's one page: how the periodic jobs are doing, for the office's management."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from loket.core.jobs import next_waiting, records
from loket.core.roles import KEPALA_DINAS, SEKRETARIS, office_of, roles_of

MANAGEMENT = frozenset({SEKRETARIS, KEPALA_DINAS})


@login_required
def jobs(request):
    """Each periodic job with its last success, last failure (and error) and next run."""
    if office_of(request.user) is None or not roles_of(request.user) & MANAGEMENT:
        raise PermissionDenied
    rows = [
        {"job": job, "record": record, "waiting": next_waiting(job.task)}
        for job, record in records()
    ]
    return render(request, "core/jobs.html", {"rows": rows})
