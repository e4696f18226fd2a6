import socket
from email import message_from_bytes
from email.policy import default as email_policy

import pytest

from loket.complaints import actions
from loket.complaints.mail_intake import ingest_email
from loket.complaints.models import (
    EMAIL,
    FAKS,
    LANGSUNG,
    SURAT,
    TELEPON,
    Complaint,
    Event,
)
from loket.complaints.tests.helpers import recorded, to_ready, web_complaint
from loket.core.errors import Conflict, Invalid


def _answers(outbox):
    """The answers queued (the acknowledgement of receipt is tested on its own)."""
    return [m for m in outbox if m["template"] == "complaint_answer"]


def _email_complaint(office):
    raw = (
        b"Message-ID: <in-1@warga.example>\nFrom: Nur <nur@warga.example>\n"
        b"Subject: Keluhan\n\nLayanan lambat.\n"
    )
    return ingest_email(office, raw)[1]


def test_it_answers_an_email_complaint_by_email_through_the_outbox(office, officers, outbox):
    """Email in, email out: the answer is queued once, by key, and the complaint closes."""
    c = to_ready(_email_complaint(office), officers, "ringan")
    c = actions.answer(c, officers["pengelola_pengaduan"], "Berkas Anda sudah selesai.")
    answers = _answers(outbox)
    assert answers == [
        {
            "channel": "email",
            "recipient": "nur@warga.example",
            "template": "complaint_answer",
            "context": answers[0]["context"],
            "key": f"complaint:{c.pk}:answer",
            "language": "id",
        }
    ]
    assert answers[0]["context"]["answer"] == "Berkas Anda sudah selesai."
    assert answers[0]["context"]["ref"] == c.ticket
    assert c.status == Complaint.CLOSED and c.delivery_method == "email"


def test_it_answers_a_web_complaint_on_the_tracking_page_and_by_email_and_sms(
    office, officers, outbox
):
    """Web: delivered on the tracking page; email and SMS go out when contacts were given."""
    c = to_ready(
        web_complaint(office, email="w@example.org", phone="081234567890"), officers, "sedang"
    )
    c = actions.answer(c, officers["pengelola_pengaduan"], c.decision)
    assert {(m["channel"], m["recipient"]) for m in _answers(outbox)} == {
        ("email", "w@example.org"),
        ("sms", "+6281234567890"),
    }
    assert c.delivery_method == "halaman_lacak" and c.closed_at is not None
    anon = to_ready(web_complaint(office), officers, "ringan")
    outbox.clear()
    anon = actions.answer(anon, officers["pengelola_pengaduan"], "Jawaban")
    assert outbox == [] and anon.status == Complaint.CLOSED


def test_it_answers_a_letter_by_reply_letter_or_by_phone(client, office, officers, outbox):
    """Letter: a reply letter PDF to print; delivery by letter, or by phone if given."""
    handler = officers["pengelola_pengaduan"]
    c = to_ready(
        recorded(office, handler, SURAT, name="Bu Ani", address="Jl. A"), officers, "berat"
    )
    c = actions.answer(c, handler, "Hasil koordinasi: petugas dibina.")
    assert c.status == Complaint.ANSWERED and c.closed_at is None  # not closed until delivered
    client.force_login(handler)
    pdf = client.get(f"/pengaduan/{c.pk}/surat-balasan.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    with pytest.raises(Invalid):
        actions.record_delivery(c, handler, "telepon", "tidak ada nomor")  # no number given
    c = actions.record_delivery(c, handler, "surat", "Surat 800/12 dikirim via pos 3/3/2026.")
    assert c.status == Complaint.CLOSED and c.delivery_method == "surat"
    with_phone = to_ready(
        recorded(office, handler, SURAT, phone="081200000001"), officers, "ringan"
    )
    with_phone = actions.answer(with_phone, handler, "Jawaban")
    with_phone = actions.record_delivery(with_phone, handler, "telepon", "Diterima Pak B.")
    assert with_phone.delivery_method == "telepon"


@pytest.mark.parametrize(
    "channel, method, wrong",
    [(TELEPON, "telepon", "surat"), (FAKS, "faks", "langsung"), (LANGSUNG, "langsung", "email")],
)
def test_it_records_phone_fax_and_in_person_answers(
    office, officers, outbox, channel, method, wrong
):
    """Phone/fax/in person: the call, fax or meeting is recorded; other ways are refused."""
    handler = officers["pengelola_pengaduan"]
    c = to_ready(recorded(office, handler, channel, phone="081200000002"), officers, "ringan")
    c = actions.answer(c, handler, "Jawaban")
    with pytest.raises(Invalid) as exc:
        actions.record_delivery(c, handler, wrong, "catatan")
    assert "method" in exc.value.errors
    with pytest.raises(Invalid):
        actions.record_delivery(c, handler, method, "")
    c = actions.record_delivery(c, handler, method, "Disampaikan pukul 10.00.")
    assert c.status == Complaint.CLOSED
    assert c.events.filter(kind=Event.DELIVERED).get().details == {"method": method}
    with pytest.raises(Conflict):
        actions.record_delivery(c, handler, method, "lagi")
    assert _answers(outbox) == []


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """A local SMTP server (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller

    received = []

    class Keep:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    port = _free_port()
    controller = Controller(Keep(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield received
    controller.stop()


def test_it_sends_the_email_answer_over_smtp_and_threads_the_reply(
    office, officers, smtp_server, django_capture_on_commit_callbacks
):
    """End to end: the notify outbox sends the answer to a local SMTP server; the
    complainant's reply to it (In-Reply-To our Message-ID) joins the complaint."""
    pytest.importorskip("loket.notify.actions")
    c = to_ready(_email_complaint(office), officers, "ringan")
    with django_capture_on_commit_callbacks(execute=True):
        c = actions.answer(c, officers["pengelola_pengaduan"], "Izin Anda sudah terbit.")
    assert len(smtp_server) == 1
    envelope = smtp_server[0]
    assert envelope.rcpt_tos == ["nur@warga.example"]
    sent = message_from_bytes(envelope.content, policy=email_policy)
    assert c.ticket in str(sent["Subject"])
    assert "Izin Anda sudah terbit." in sent.get_body(preferencelist=("plain",)).get_content()
    reply = (
        f"Message-ID: <balas@warga.example>\nFrom: nur@warga.example\n"
        f"In-Reply-To: {sent['Message-ID']}\nSubject: Re: ok\n\nTerima kasih banyak.\n"
    ).encode()
    assert ingest_email(office, reply) == ("reply", Complaint.objects.get(pk=c.pk))


def test_it_does_not_close_without_a_recorded_delivery(office, officers, outbox):
    """A counter complaint stays open after the answer until its delivery is recorded."""
    handler = officers["pengelola_pengaduan"]
    c = to_ready(recorded(office, handler, LANGSUNG), officers, "ringan")
    c = actions.answer(c, handler, "Jawaban")
    assert c.is_open and c.status == Complaint.ANSWERED
    with pytest.raises(Conflict):
        actions.answer(c, handler, "Jawaban kedua")
    assert EMAIL  # the email channel is covered by the tests above
