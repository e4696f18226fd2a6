import re
import time

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from loket.complaints import antispam
from loket.complaints.models import INTERNET, Attachment, Complaint, RegisterEntry
from loket.testing import MINIMAL_PDF


def _form(client):
    page = client.get("/pengaduan/").content.decode()
    stamp = re.search(r'name="stamp" value="([^"]+)"', page).group(1)
    return {"type": "waktu", "description": "Izin saya belum selesai.", "stamp": stamp}


def test_it_files_an_anonymous_web_complaint_with_ticket_and_tracking_code(client, office):
    """No login and no identity needed; the page shows the ticket and tracking code."""
    response = client.post("/pengaduan/", _form(client))
    assert response.status_code == 200
    c = Complaint.objects.get()
    assert c.channel == INTERNET and c.name == "" and c.user is None
    assert re.fullmatch(r"ADU-\d{4}-00001", c.ticket) and len(c.tracking_code) == 8
    body = response.content.decode()
    assert c.ticket in body and c.tracking_code in body
    assert RegisterEntry.objects.filter(complaint=c, reason="dicatat").exists()


def test_it_keeps_identity_link_and_attachments(client, office, application):
    """Identity, the linked application and a judged attachment are stored."""
    data = _form(client) | {
        "name": "Budi",
        "phone": "0812-3456-7890",
        "email": "budi@example.org",
        "reference": application.reg_number,
        "confidential": "on",
        "attachments": [SimpleUploadedFile("bukti.pdf", MINIMAL_PDF)],
    }
    client.post("/pengaduan/", data)
    c = Complaint.objects.get()
    assert (c.name, c.phone, c.confidential) == ("Budi", "+6281234567890", True)
    assert c.application == application
    assert Attachment.objects.get(complaint=c).kind == "pdf"


def test_it_refuses_a_disguised_attachment_and_an_unknown_reference(client, office):
    """An HTML file named .pdf is refused; an unknown permit number is reported."""
    data = _form(client) | {
        "reference": "SIKTS-1999-99999",
        "attachments": [SimpleUploadedFile("x.pdf", b"<html><script>alert(1)</script>")],
    }
    body = client.post("/pengaduan/", data).content.decode()
    assert not Complaint.objects.exists()
    assert "tidak ditemukan" in body and "x.pdf" in body


def test_it_refuses_the_honeypot_and_a_too_fast_submission(client, office, settings):
    """A filled hidden field, or a form sent sooner than the minimum, files nothing."""
    data = _form(client) | {"website": "http://spam.example"}
    assert "tidak dapat diterima" in client.post("/pengaduan/", data).content.decode()
    settings.COMPLAINTS_MIN_FILL_SECONDS = 60
    body = client.post("/pengaduan/", _form(client)).content.decode()
    assert "terlalu cepat" in body
    old = signing.TimestampSigner(salt=antispam.SALT)
    old_stamp = old.sign("form")
    # A stamp from two minutes ago passes the minimum fill time.
    real_time = time.time
    try:
        time.time = lambda: real_time() - 120
        old_stamp = old.sign("form")
    finally:
        time.time = real_time
    client.post("/pengaduan/", _form(client) | {"stamp": old_stamp})
    assert Complaint.objects.count() == 1
    assert (
        "tidak lengkap"
        in client.post("/pengaduan/", _form(client) | {"stamp": "forged"}).content.decode()
    )


def test_it_rate_limits_the_form_and_the_tracking_page(client, office, settings):
    """Past the limit per address the answer is 429 with a clear message."""
    settings.COMPLAINTS_RATE_FILE = 2
    settings.COMPLAINTS_RATE_TRACK = 3
    for _ in range(2):
        assert client.post("/pengaduan/", _form(client)).status_code == 200
    blocked = client.post("/pengaduan/", _form(client))
    assert blocked.status_code == 429 and "Terlalu banyak" in blocked.content.decode()
    assert Complaint.objects.count() == 2
    for _ in range(3):
        assert client.get("/pengaduan/lacak/?ticket=X&code=Y").status_code == 200
    assert client.get("/pengaduan/lacak/?ticket=X&code=Y").status_code == 429
    other = client.get("/pengaduan/lacak/?ticket=X&code=Y", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_it_shows_status_and_answer_on_the_tracking_page(client, office, officers, outbox):
    """The tracking page needs ticket and code; it shows the answer, never the identity."""
    from loket.complaints import actions
    from loket.complaints.tests.helpers import web_complaint

    c = web_complaint(office, name="Rahasia Sekali", confidential=True)
    wrong = client.get(f"/pengaduan/lacak/?ticket={c.ticket}&code=AAAAAAAA").content.decode()
    assert "tidak ditemukan" in wrong
    c = actions.weigh(c, officers["pengelola_pengaduan"], "ringan", "uji")
    actions.answer(c, officers["pengelola_pengaduan"], "Sudah kami perbaiki.")
    page = client.get(f"/pengaduan/lacak/?ticket={c.ticket}&code={c.tracking_code.lower()}")
    body = page.content.decode()
    assert "Sudah kami perbaiki." in body and "Rahasia Sekali" not in body
