"""Disabling an officer ends every session they hold, wherever they logged in."""

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client

from loket.accounts.actions import disable_officer
from loket.accounts.models import UserSession
from loket.core.errors import NotAllowed
from loket.core.roles import FRONT_OFFICE, KEPALA_DINAS
from loket.testing import PASSWORD


def _logged_in(user, count=2):
    clients = []
    for _ in range(count):
        client = Client()
        client.force_login(user)
        assert client.get("/kotak-masuk/").status_code == 200
        clients.append(client)
    return clients


def test_it_ends_every_session_when_an_admin_disables_the_officer(officers):
    """disable_officer deletes both sessions; the next request goes to the login page."""
    officer = officers[FRONT_OFFICE]
    clients = _logged_in(officer)
    keys = [c.cookies["sessionid"].value for c in clients]
    assert UserSession.objects.filter(user=officer).count() == 2
    admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)

    disable_officer(officer, by=admin)

    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.filter(user=officer).exists()
    for client in clients:
        response = client.get("/kotak-masuk/")
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_it_leaves_other_users_sessions_alone(officers):
    """Only the disabled officer's sessions end."""
    (other,) = _logged_in(officers[KEPALA_DINAS], 1)
    _logged_in(officers[FRONT_OFFICE], 1)
    admin = User.objects.create_superuser("admin", "admin@example.org", PASSWORD)
    disable_officer(officers[FRONT_OFFICE], by=admin)
    assert other.get("/kotak-masuk/").status_code == 200


def test_it_ends_sessions_when_the_admin_unticks_active(officers):
    """Saving the user inactive (the admin's checkbox) has the same effect."""
    officer = officers[FRONT_OFFICE]
    (client,) = _logged_in(officer, 1)
    officer.is_active = False
    officer.save()
    assert not Session.objects.filter(session_key=client.cookies["sessionid"].value).exists()


def test_it_forgets_a_session_at_logout(officers):
    """Logging out removes the session from the officer's list."""
    officer = officers[FRONT_OFFICE]
    (client,) = _logged_in(officer, 1)
    client.post("/keluar/")
    assert not UserSession.objects.filter(user=officer).exists()


def test_it_lets_only_admins_disable_officers(officers):
    """Another officer may not disable a colleague."""
    with pytest.raises(NotAllowed):
        disable_officer(officers[FRONT_OFFICE], by=officers[KEPALA_DINAS])
    officers[FRONT_OFFICE].refresh_from_db()
    assert officers[FRONT_OFFICE].is_active


def test_it_disables_officers_from_the_admin_list(officers):
    """The Officer admin's action disables the officer and ends their sessions."""
    officer = officers[FRONT_OFFICE]
    (client,) = _logged_in(officer, 1)
    admin = Client()
    admin.force_login(User.objects.create_superuser("admin", "admin@example.org", PASSWORD))
    response = admin.post(
        "/admin/accounts/officer/",
        {"action": "disable", "_selected_action": [officer.officer.pk]},
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert not officer.is_active
    assert client.get("/kotak-masuk/").status_code == 302
