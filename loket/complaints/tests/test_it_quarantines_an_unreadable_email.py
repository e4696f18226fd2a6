"""An email that cannot be read is quarantined for the clerk; the mail after it is read.

The poison message declares the charset ``unknown-8bit``, which made the reading raise
LookupError and stop before the messages after it.
"""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from loket.accounts.retention import apply_office_retention
from loket.complaints.mail_intake import read_folder, read_imap
from loket.complaints.models import EMAIL, Complaint, QuarantinedEmail
from loket.complaints.tasks import read_complaint_mail
from loket.core.personal_data import years_before
from loket.core.roles import OFFICER_ROLES, PENGELOLA_PENGADUAN

EML = Path(__file__).parent / "eml"
POISON = (EML / "poison-unknown-8bit.eml").read_bytes()
GOOD = [(EML / "001-new.eml").read_bytes(), (EML / "003-new-other.eml").read_bytes()]


@pytest.fixture
def mailbox(tmp_path):
    """Poison between two good messages, in reading order."""
    folder = tmp_path / "mail"
    folder.mkdir()
    shutil.copy(EML / "001-new.eml", folder / "001-new.eml")
    shutil.copy(EML / "poison-unknown-8bit.eml", folder / "002-poison.eml")
    shutil.copy(EML / "003-new-other.eml", folder / "003-new-other.eml")
    return folder


def test_it_files_the_good_ones_and_quarantines_the_poison(office, mailbox):
    """Both good messages become complaints; the poison one is kept with its reason,
    once, however often the folder is read."""
    assert read_folder(office, mailbox) == {"new": 2, "quarantined": 1}
    emails = set(Complaint.objects.filter(channel=EMAIL).values_list("email", flat=True))
    assert emails == {"nur@warga.example", "budi@warga.example"}
    kept = QuarantinedEmail.objects.get()
    assert kept.reason == "LookupError: unknown encoding: unknown-8bit"
    assert bytes(kept.raw) == POISON
    assert (kept.reference, kept.sender) == ("002-poison.eml", "Seseorang <racun@warga.example>")
    assert read_folder(office, mailbox) == {"duplicate": 2, "quarantined": 1}
    assert QuarantinedEmail.objects.count() == 1 and Complaint.objects.count() == 2


def test_the_periodic_reading_does_not_fail_on_it(office, mailbox, settings):
    """The worker's job returns normally, so its run counts as a success."""
    settings.COMPLAINTS_IMAP_HOST = ""
    settings.COMPLAINTS_MAIL_DIR = str(mailbox)
    assert read_complaint_mail.func(repeat=False) == {"new": 2, "quarantined": 1}


class FakeImap:
    """An IMAP server holding three unseen messages; it records what is done to them."""

    messages = {b"1": GOOD[0], b"2": POISON, b"3": GOOD[1]}

    def __init__(self, host, port):
        self.calls = FakeImap.calls = []

    def login(self, user, password):
        pass

    def select(self, folder):
        pass

    def search(self, charset, criterion):
        return "OK", [b"1 2 3"]

    def fetch(self, num, what):
        return "OK", [(num + b" (RFC822 {100}", self.messages[num]), b")"]

    def store(self, num, op, flag):
        self.calls.append(("store", num, flag))

    def copy(self, num, folder):
        self.calls.append(("copy", num, folder))
        return "OK", [b""]

    def expunge(self):
        self.calls.append(("expunge",))

    def logout(self):
        self.calls.append(("logout",))


@pytest.fixture
def imap(settings):
    settings.COMPLAINTS_IMAP_HOST = "imap.example"
    settings.COMPLAINTS_IMAP_QUARANTINE_FOLDER = ""
    return settings


def test_it_flags_the_poison_in_imap_and_reads_on(office, imap):
    """IMAP: the poison message is flagged $Quarantined and seen; the others are filed."""
    assert read_imap(office, connect=FakeImap) == {"new": 2, "quarantined": 1}
    assert ("store", b"2", "$Quarantined") in FakeImap.calls
    assert [c for c in FakeImap.calls if c[-1] == "\\Seen"] == [
        ("store", b"1", "\\Seen"),
        ("store", b"2", "\\Seen"),
        ("store", b"3", "\\Seen"),
    ]
    assert not [c for c in FakeImap.calls if c[0] in ("copy", "expunge")]
    assert QuarantinedEmail.objects.get().reference == "2"


def test_it_moves_the_poison_to_the_quarantine_folder_when_set(office, imap):
    """With COMPLAINTS_IMAP_QUARANTINE_FOLDER, the message is copied there and removed."""
    imap.COMPLAINTS_IMAP_QUARANTINE_FOLDER = "Karantina"
    read_imap(office, connect=FakeImap)
    assert ("copy", b"2", "Karantina") in FakeImap.calls
    assert ("store", b"2", "\\Deleted") in FakeImap.calls
    assert ("expunge",) in FakeImap.calls
    assert not [c for c in FakeImap.calls if c[0] == "copy" and c[1] != b"2"]


def test_the_clerk_sees_and_downloads_it(client, office, officers, mailbox):
    """The complaint clerk's page lists it with the reason; the raw message downloads
    byte for byte; in English too."""
    read_folder(office, mailbox)
    kept = QuarantinedEmail.objects.get()
    client.force_login(officers[PENGELOLA_PENGADUAN])
    url = reverse("complaints:quarantine")
    page = client.get(url).content.decode()
    assert "Surel karantina" in page
    assert "Keluhan dengan charset aneh" in page
    assert "LookupError: unknown encoding: unknown-8bit" in page
    assert "Unduh pesan asli" in page
    download = client.get(url, {"pesan": kept.pk})
    assert download["Content-Type"] == "message/rfc822"
    assert download["Content-Disposition"] == f'attachment; filename="karantina-{kept.pk}.eml"'
    assert download.content == POISON
    assert client.get(url, {"pesan": "x"}).status_code == 404
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode()
    assert "Quarantined email" in english and "Download the original message" in english


@pytest.mark.parametrize("role", sorted(set(OFFICER_ROLES) - {PENGELOLA_PENGADUAN}))
def test_other_officers_do_not_see_it(role, client, office, officers, mailbox):
    """Only the complaint clerk: other roles get 404 for the list and the download."""
    read_folder(office, mailbox)
    client.force_login(officers[role])
    url = reverse("complaints:quarantine")
    assert client.get(url).status_code == 404
    kept = QuarantinedEmail.objects.get()
    assert client.get(url, {"pesan": kept.pk}).status_code == 404


def test_retention_deletes_it_after_the_offices_period(office, mailbox):
    """A quarantined email holds the sender's address and words and never became a
    complaint: the retention job deletes it once the office's period has passed since
    it arrived, and keeps a newer one."""
    read_folder(office, mailbox)
    kept = QuarantinedEmail.objects.get()
    now = timezone.now()
    assert apply_office_retention(office, now).as_data()["quarantined_emails"] == 0
    assert QuarantinedEmail.objects.filter(pk=kept.pk).exists()
    later = years_before(now, -office.retention_years) + dt.timedelta(days=1)
    assert apply_office_retention(office, later).as_data()["quarantined_emails"] == 1
    assert not QuarantinedEmail.objects.exists()
