import shutil
from pathlib import Path

from django.core.management import call_command

from loket.complaints.mail_intake import ingest_email, read_imap
from loket.complaints.models import EMAIL, Complaint, Event, InboundEmail

EML = Path(__file__).parent / "eml"


def _mailbox(tmp_path, *names):
    folder = tmp_path / "mail"
    folder.mkdir()
    for name in names:
        shutil.copy(EML / name, folder / name)
    return folder


def test_it_turns_a_new_email_into_a_complaint_with_its_attachments(office, tmp_path):
    """The command reads .eml files; the sender, text and a valid attachment are kept."""
    call_command("read_complaint_mail", folder=str(_mailbox(tmp_path, "001-new.eml")))
    c = Complaint.objects.get()
    assert c.channel == EMAIL
    assert (c.name, c.email) == ("Nur Aini", "nur@warga.example")
    assert c.subject == "Izin SIKTS saya belum terbit"
    assert "Sudah seminggu" in c.description
    assert [a.original_name for a in c.attachments.all()] == ["tanda-terima.pdf"]
    # The HTML attachment is refused and noted, without costing the complaint.
    refused = c.events.get(kind=Event.MESSAGE).details["rejected"]
    assert len(refused) == 1 and "jahat.html" in refused[0]


def test_it_reads_each_email_once_only(office, tmp_path):
    """Reading the same mailbox again adds nothing (Message-ID)."""
    folder = _mailbox(tmp_path, "001-new.eml")
    call_command("read_complaint_mail", folder=str(folder))
    call_command("read_complaint_mail", folder=str(folder))
    assert Complaint.objects.count() == 1
    assert InboundEmail.objects.count() == 1


def test_it_threads_a_reply_by_in_reply_to(office, tmp_path):
    """A reply joins its complaint as a message instead of opening a new one."""
    call_command(
        "read_complaint_mail", folder=str(_mailbox(tmp_path, "001-new.eml", "002-reply.eml"))
    )
    c = Complaint.objects.get()
    messages = c.events.filter(kind=Event.MESSAGE, details__source="email")
    assert "Tambahan" in messages.get().text
    assert InboundEmail.objects.get(message_id="<keluhan-002@warga.example>").is_reply


def test_it_threads_by_ticket_in_subject_only_from_the_complainant(office, tmp_path):
    """A ticket number in the subject threads a reply from the same sender only."""
    kind, c = ingest_email(office, (EML / "001-new.eml").read_bytes())
    assert kind == "new"
    reply = (
        f"Message-ID: <r1@warga.example>\nFrom: nur@warga.example\n"
        f"Subject: Re: Jawaban pengaduan {c.ticket}\n\nTerima kasih.\n"
    ).encode()
    assert ingest_email(office, reply) == ("reply", c)
    stranger = (
        f"Message-ID: <r2@lain.example>\nFrom: orang@lain.example\n"
        f"Subject: Re: Jawaban pengaduan {c.ticket}\n\nSaya juga mengadu.\n"
    ).encode()
    kind, other = ingest_email(office, stranger)
    assert kind == "new" and other.pk != c.pk


def test_it_reads_unseen_messages_from_imap(office, settings):
    """IMAP: unseen messages are fetched, ingested and marked seen."""
    settings.COMPLAINTS_IMAP_HOST = "imap.example"
    settings.COMPLAINTS_IMAP_USER = "pengaduan"
    settings.COMPLAINTS_IMAP_PASSWORD = "rahasia"
    raw = (EML / "001-new.eml").read_bytes()
    calls = []

    class FakeImap:
        def __init__(self, host, port):
            calls.append(("connect", host, port))

        def login(self, user, password):
            calls.append(("login", user))

        def select(self, folder):
            calls.append(("select", folder))

        def search(self, charset, criterion):
            return "OK", [b"1"]

        def fetch(self, num, what):
            return "OK", [(b"1 (RFC822 {100}", raw), b")"]

        def store(self, num, op, flag):
            calls.append(("store", num, flag))

        def logout(self):
            calls.append(("logout",))

    assert read_imap(office, connect=FakeImap) == {"new": 1}
    assert ("store", b"1", "\\Seen") in calls and calls[-1] == ("logout",)
    assert Complaint.objects.get().email == "nur@warga.example"
