"""Shared by the audit tests: a few events, raw SQL on the trail, the command's verdict."""

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from loket import audit
from loket.audit.models import AuditEvent


def some_events(office, n=6):
    for i in range(n):
        audit.record("test.event", actor=None, office=office, data={"i": i})
    return list(AuditEvent.objects.order_by("seq"))


def sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def verdict():
    """(ok, text) of `manage.py verify_audit`."""
    try:
        from io import StringIO

        out = StringIO()
        call_command("verify_audit", stdout=out)
    except CommandError as exc:
        assert exc.returncode == 1
        return False, str(exc)
    return True, out.getvalue()
