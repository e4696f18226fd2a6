"""An officer of a small office may hold every role. Their sign-in goes on the audit
trail with all of them; on PostgreSQL the roles once overflowed the column (40
characters) and the sign-in page answered 500."""

from django.contrib.auth.models import Group
from django.test import Client

from loket.audit.models import AuditEvent
from loket.core.roles import OFFICER_ROLES


def test_the_sign_in_records_every_role(officers):
    officer = officers["sekretaris"]
    officer.groups.set(Group.objects.filter(name__in=OFFICER_ROLES))
    client = Client()
    client.force_login(officer)
    event = AuditEvent.objects.filter(action="accounts.login").latest("seq")
    assert event.role.split(",") == sorted(OFFICER_ROLES)
    # SQLite stores a longer text than the column says; PostgreSQL refuses it.
    assert len(event.role) <= AuditEvent._meta.get_field("role").max_length
