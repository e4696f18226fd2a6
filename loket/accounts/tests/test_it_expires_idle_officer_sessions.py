"""Officers' sessions end after 30 idle minutes; applicants keep the 8-hour session."""

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from loket.core.roles import FRONT_OFFICE


def _session(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def test_it_gives_officers_a_thirty_minute_inactivity_timeout(officers, applicant, settings):
    """Each request pushes the officer's expiry 30 minutes on; the applicant's is 8 h."""
    assert settings.OFFICER_SESSION_IDLE_SECONDS == 30 * 60
    officer = Client()
    officer.force_login(officers[FRONT_OFFICE])
    officer.get("/kotak-masuk/")
    left = _session(officer).expire_date - timezone.now()
    assert timedelta(minutes=29) < left <= timedelta(minutes=30)

    citizen = Client()
    citizen.force_login(applicant.user)
    citizen.get("/permohonan/")
    left = _session(citizen).expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < left <= timedelta(hours=8)


def test_it_logs_out_an_officer_idle_past_the_timeout(officers):
    """Past the timeout the session is gone: the officer must log in again."""
    client = Client()
    client.force_login(officers[FRONT_OFFICE])
    assert client.get("/kotak-masuk/").status_code == 200
    Session.objects.filter(session_key=client.cookies["sessionid"].value).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/kotak-masuk/")
    assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_it_reads_the_timeout_from_settings(officers, settings):
    """OFFICER_SESSION_IDLE_SECONDS sets the timeout."""
    settings.OFFICER_SESSION_IDLE_SECONDS = 600
    client = Client()
    client.force_login(officers[FRONT_OFFICE])
    client.get("/kotak-masuk/")
    left = _session(client).expire_date - timezone.now()
    assert timedelta(minutes=9) < left <= timedelta(minutes=10)
