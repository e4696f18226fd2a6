"""The public tracking and verification pages, the busiest pages of a nationwide
service, each answer with one query and never fetch the standard's JSON (the parsed
standard comes from the per-process cache of versions). Besides it, the page's header
and footer read the office they show: one lookup of one row (loket.core.identity)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.testing import advance


def _queries(url):
    """The page's own queries, after checking the identity's one office lookup."""
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url)
    assert response.status_code == 200
    sql = [q["sql"] for q in ctx.captured_queries]
    office = [q for q in sql if q.startswith('SELECT "accounts_office"')]
    assert len(office) == 1 and "LIMIT 1" in office[0], sql
    return [q for q in sql if q not in office], response.content.decode()


def test_tracking_is_one_query_and_shows_the_step(application, officers):
    advance(application, officers, 3)
    application.refresh_from_db()
    assert application.current_step > 1
    application.version.spec  # noqa: B018  (the cache is warm in a running server)
    url = f"/lacak/?reg={application.reg_number}&code={application.tracking_code}"
    sql, html = _queries(url)
    assert len(sql) == 1, sql
    assert '"data"' not in sql[0]
    assert f"Sedang di langkah {application.current_step}: {application.step.name}" in html


def test_a_file_with_the_applicant_shows_no_step(application, officers):
    from loket.permits import actions

    advance(application, officers, 1)
    actions.return_to_applicant(application, officers["front_office"], {"ktp": "buram"}, step_no=2)
    url = f"/lacak/?reg={application.reg_number}&code={application.tracking_code}"
    _sql, html = _queries(url)
    assert "Sedang di langkah" not in html
    assert "buram" in html


def test_verification_is_one_query(application, officers):
    permit = advance(application, officers, 9).permit
    sql, html = _queries(f"/v/{permit.verify_code}")
    assert len(sql) == 1, sql
    # The standard shows the workplace there; the STR number is personal, so masked.
    assert permit.number in html and application.answer("workplace_name") in html
    assert application.answer("str_number") not in html and "•••" in html


def test_the_status_names_the_open_step_at_every_step(sikts, office, application, officers):
    """Application.open_step (read from the status) is the step of the file's one open
    task, from filing to collection, and None while the file is with the applicant."""
    from loket.permits import actions
    from loket.permits.models import Task
    from loket.testing import file_for, make_applicant

    def open_task_step(app):
        task = Task.objects.filter(application=app, closed_at__isnull=True).first()
        return task.step_no if task else None

    for upto in range(1, 11):
        advance(application, officers, upto)
        application.refresh_from_db()
        assert application.open_step == open_task_step(application), (upto, application.status)
    assert application.open_step is None  # collected

    returned = advance(file_for(sikts, make_applicant(office, name="Budi")), officers, 2)
    actions.return_to_applicant(returned, officers["front_office"], {"ktp": "buram"}, step_no=2)
    returned.refresh_from_db()
    assert returned.open_step is None and open_task_step(returned) is None
