"""On intake the complainant is told the ticket and tracking link, by SMS and email."""

import json
import re

from django.core import mail
from django.urls import reverse

from loket.complaints.models import SURAT, Complaint
from loket.complaints.tests.helpers import recorded, web_complaint
from loket.notify.models import Outbox


def test_it_queues_one_acknowledgement_per_contact_given(office, officers, outbox):
    """Phone and email: an SMS and an email, each under its own key, with the ticket and
    the tracking link; no contact, no message; a counter complaint too."""
    c = web_complaint(office, name="Budi", phone="0812-3456-7890", email="budi@example.org")
    assert [(m["channel"], m["recipient"], m["key"]) for m in outbox] == [
        ("sms", "+6281234567890", f"complaint:{c.pk}:received:sms"),
        ("email", "budi@example.org", f"complaint:{c.pk}:received:email"),
    ]
    context = outbox[0]["context"]
    assert {m["template"] for m in outbox} == {"complaint_received"}
    assert (context["ticket"], context["tracking_code"]) == (c.ticket, c.tracking_code)
    assert f"ticket={c.ticket}&code={c.tracking_code}" in context["track_url"]

    outbox.clear()
    web_complaint(office)
    assert outbox == []
    letter = recorded(office, officers["pengelola_pengaduan"], SURAT, phone="081200000001")
    assert [m["key"] for m in outbox] == [f"complaint:{letter.pk}:received:sms"]


def test_it_sends_the_acknowledgement_through_the_outbox(
    office, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The worker sends the SMS (ASCII, with ticket, code and link) and the email."""
    settings.SMS_BACKEND = "loket.notify.gateways.FileSMS"
    settings.SMS_FILE_PATH = str(tmp_path / "sms.jsonl")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        c = web_complaint(office, name="Budi", phone="081234567890", email="budi@example.org")
    sent = Outbox.objects.filter(template_code="complaint_received")
    assert sorted(sent.values_list("channel", "status")) == [("email", "sent"), ("sms", "sent")]
    (sms,) = [json.loads(line) for line in (tmp_path / "sms.jsonl").read_text().splitlines()]
    assert sms["to"] == "+6281234567890" and sms["text"].isascii()
    link = f"/pengaduan/lacak/?ticket={c.ticket}&code={c.tracking_code}"
    assert c.ticket in sms["text"] and c.tracking_code in sms["text"] and link in sms["text"]
    (email,) = mail.outbox
    assert email.to == ["budi@example.org"] and c.ticket in email.subject
    assert "Yth. Budi" in email.body and link in email.body


def test_it_answers_in_the_language_of_the_form(client, office):
    """A complaint filed on the English page is acknowledged in English."""
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/pengaduan/").content.decode()
    stamp = re.search(r'name="stamp" value="([^"]+)"', page).group(1)
    data = {"type": "waktu", "description": "Still waiting.", "stamp": stamp}
    client.post("/pengaduan/", data | {"email": "amy@example.org"})
    c = Complaint.objects.get()
    message = Outbox.objects.get(idempotency_key=f"complaint:{c.pk}:received:email")
    assert message.subject == f"Complaint {c.ticket} received"
    assert "We have received your complaint" in message.body
