"""Background work of the surveys app, run by `manage.py db_worker`.

Nothing here runs on a page view: reading a page never writes (issue 12).
"""

from django_tasks import task

from loket.core.jobs import daily_at, periodic

INVITATIONS_AT_HOUR = 5  # local time, before the offices open


@periodic(next_run=daily_at(INVITATIONS_AT_HOUR))
def ensure_survey_invitations():
    """Invitations for finished files that have none (files finished before surveys
    existed): the applicant's survey page lists them the next morning."""
    from loket.permits.models import Application
    from loket.surveys.actions import ensure_invitations

    return ensure_invitations(Application.objects.all())


@task()
def refresh_follow_ups(office_id, period_key):
    """The results of a period changed (a response came in): open the follow-up items
    of its weak elements (loket.surveys.actions.refresh_follow_ups)."""
    from loket.core.models import Office
    from loket.surveys.actions import refresh_follow_ups as run
    from loket.surveys.periods import parse_period

    return run(Office.objects.get(pk=office_id), parse_period(period_key))
