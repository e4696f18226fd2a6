"""An event names the actor, their role and office, and the request's address; it holds
ids and codes, never the applicant's NIK, phone or address."""

import json

import pytest
from django.urls import reverse

from loket import audit
from loket.audit.models import AuditEvent


def test_it_records_the_address_of_the_request(client, application, officers):
    """Completing step 2 through the web records the officer, role, office and address."""
    client.force_login(officers["front_office"])
    checked = [r.code for r in application.spec.requirements_for("baru")]
    response = client.post(
        reverse("permits:complete", args=[application.pk]),
        {"step_no": 2, "checked": checked},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action="permits.complete_step").get()
    assert event.actor == officers["front_office"]
    assert (event.role, event.office_id, event.ip) == (
        "front_office",
        application.office_id,
        "203.0.113.9",
    )
    assert (event.object_type, event.object_id) == ("permits.application", str(application.pk))


def test_it_records_no_address_outside_a_request(application):
    """Actions run by a job or a command have no address; the filing here had none."""
    event = AuditEvent.objects.get(action="permits.file_application")
    assert event.ip is None


def test_it_keeps_personal_data_out_of_the_trail(application):
    """The applicant's name, NIK, phone and address appear in no event: the trail names
    a citizen by user id (it is kept for good; their data is removed after retention)."""
    applicant = application.applicant
    events = list(AuditEvent.objects.all())
    assert any(e.actor_id == applicant.user_id for e in events)
    for event in events:
        text = json.dumps(
            [event.actor_name, event.summary, event.object_id, event.role], ensure_ascii=False
        )
        for secret in (applicant.full_name, applicant.nik, applicant.phone, applicant.address):
            assert secret not in text, (event.action, secret)
        if event.actor_id == applicant.user_id:
            assert event.actor_name == f"pemohon #{applicant.user_id}"


def test_it_refuses_personal_data_in_a_summary(office):
    """A summary key that names personal data is a programming error."""
    with pytest.raises(ValueError):
        audit.record("test.event", actor=None, office=office, data={"nik": "1471055203900001"})
    with pytest.raises(ValueError):
        audit.record("test.event", actor=None, office=office, data={"to": [{"phone": "08"}]})


def test_it_records_sign_ins_without_the_username_tried(client, applicant):
    """A failed sign-in is on the trail without the (NIK) username; a success names the user."""
    client.post(reverse("login"), {"username": applicant.nik, "password": "salah"})
    failed = AuditEvent.objects.get(action="accounts.login_failed")
    assert failed.actor is None and failed.actor_name == "anonim" and failed.ip == "127.0.0.1"
    assert applicant.nik not in json.dumps(failed.summary)
    client.force_login(applicant.user)
    login = AuditEvent.objects.get(action="accounts.login")
    assert login.actor == applicant.user and login.office_id == applicant.office_id


def test_it_records_edits_in_the_admin(client, office):
    """Adding a closure day in the admin is on the trail: who, which model, which row."""
    from django.contrib.auth import get_user_model

    from loket.core.models import CalendarDay

    admin = get_user_model().objects.create_superuser("admin", "a@example.org", "x" * 12)
    client.force_login(admin)
    response = client.post(
        "/admin/core/calendarday/add/",
        {"office": office.pk, "date": "2026-12-24", "kind": "closure", "reason": "Cuti"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    day = CalendarDay.objects.get()
    event = AuditEvent.objects.get(action="admin.add")
    assert event.actor == admin
    assert event.summary == {"model": "core.calendarday", "object_id": str(day.pk)}
