"""No list page, export, public page or API list shows a full NIK or phone number.

A file's officers see the applicant on the file itself; everywhere else (inboxes,
registers, reports, the outbox, the audit trail, spreadsheets and PDFs, the public
verification and tracking pages) numbers are masked or absent. This walks them all
with one applicant, complainant and failed SMS in place, reading spreadsheets and
PDFs as text.
"""

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.complaints import actions as complaint_actions
from loket.complaints.models import INTERNET
from loket.lib.nik import mask_nik
from loket.lib.phones import mask_phone
from loket.notify.models import Outbox
from loket.permits.issuance import send_uncollected_letters
from loket.permits.messages import about_file
from loket.testing import advance, file_for, make_applicant

COMPLAINANT_PHONE = "0813-7000-1234"


def _text(response):
    body = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    kind = response.get("Content-Type", "")
    if body.startswith(b"%PDF"):
        return subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=body, capture_output=True, check=True
        ).stdout.decode()
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as book:
            return " ".join(
                book.read(n).decode("utf-8", "replace")
                for n in book.namelist()
                if n.endswith(".xml")
            )
    assert "html" in kind or "json" in kind or "csv" in kind, kind
    return body.decode("utf-8", "replace")


@pytest.fixture
def world(sikts, office, officers):
    applicant = make_applicant(office, name="Siti Pemilik Berkas")
    ready = advance(file_for(sikts, applicant), officers, 9)
    advance(file_for(sikts, applicant), officers, 99)
    advance(file_for(sikts, applicant), officers, 5)
    Outbox.objects.filter(about=about_file(ready.pk), channel="sms").update(
        status=Outbox.FAILED, attempts=5, last_error="gateway down"
    )
    send_uncollected_letters(today=timezone.localdate() + dt.timedelta(days=70))
    complaint = complaint_actions.file_complaint(
        office,
        complaint_actions.Intake(
            description="Petugas tidak ramah.",
            name="Budi Pengadu",
            phone=COMPLAINANT_PHONE,
            email="budi.pengadu@example.org",
        ),
        channel=INTERNET,
    )
    handler = officers["pengelola_pengaduan"]
    complaint = complaint_actions.weigh(complaint, handler, "ringan", "jelas")
    complaint_actions.answer(complaint, handler, "Terima kasih, sudah kami tegur.")
    now = timezone.localtime()
    report = complaint_actions.compile_report(office, handler, now.year, now.month)
    return {
        "applicant": applicant,
        "ready": ready,
        "complaint": complaint,
        "report": report,
        "secrets": [applicant.nik, "81234567890", "81370001234"],
    }


def _pages(world):
    """(who, url) of every list, export and public page to scan."""
    ready, complaint, report = world["ready"], world["complaint"], world["report"]
    slug = {"slug": "semua", "fmt": "xlsx"}
    management = [
        reverse("reports:dashboard"),
        reverse("reports:dashboard_export", kwargs=slug),
        reverse("reports:supervision"),
        reverse("reports:supervision_export", kwargs=slug),
        reverse("reports:cards"),
        reverse("reports:card", kwargs={"pk": ready.pk}),
        reverse("reports:performance"),
        reverse("reports:performance_export", kwargs=slug),
        reverse("surveys:report"),
        reverse("surveys:report_pdf"),
        reverse("surveys:report_xlsx"),
        reverse("audit:trail"),
        reverse("audit:trail") + "?format=csv",
        reverse("audit:trail") + "?format=xlsx",
        reverse("complaints:register"),
        reverse("complaints:register") + "?format=xlsx",
        reverse("complaints:register") + "?format=pdf",
        # The Sekretaris is no complaint handler: the complaint's number is masked.
        reverse("complaints:detail", kwargs={"pk": complaint.pk}),
        "/api/v1/complaints/register",
        f"/api/v1/complaints/{complaint.pk}",
        "/api/v1/reports/supervision",
        "/api/v1/reports/dashboard",
    ]
    handler = [
        reverse("complaints:inbox"),
        reverse("complaints:register"),
        reverse("complaints:register") + "?format=xlsx",
        reverse("complaints:register") + "?format=pdf",
        reverse("complaints:report_file", kwargs={"pk": report.pk, "number": 1, "fmt": "pdf"}),
        reverse("complaints:report_file", kwargs={"pk": report.pk, "number": 1, "fmt": "xlsx"}),
        "/api/v1/complaints/",
        "/api/v1/complaints/register",
    ]
    counter = [
        reverse("permits:inbox"),
        reverse("notify:failed"),
        "/api/v1/notify/outbox",
        "/api/v1/permits/applications",
        "/api/v1/permits/inbox",
    ]
    back = [reverse("notify:letters"), "/api/v1/notify/letters", reverse("permits:inbox")]
    public = [
        reverse("verify", kwargs={"code": ready.permit.verify_code}),
        f"/api/v1/issuance/verify/{ready.permit.verify_code}",
        reverse("permits:track") + f"?reg={ready.reg_number}&code={ready.tracking_code}",
        reverse("complaints:track") + f"?ticket={complaint.ticket}&code={complaint.tracking_code}",
        reverse("standards:catalogue"),
    ]
    return (
        [("sekretaris", u) for u in management]
        + [("kepala_dinas", u) for u in management[:6]]
        + [("pengelola_pengaduan", u) for u in handler]
        + [("front_office", u) for u in counter]
        + [("back_office", u) for u in back]
        + [(None, u) for u in public]
    )


def test_it_shows_no_full_nik_or_phone_on_lists_exports_and_public_pages(world, officers):
    """Every page and export answers, and none holds a full NIK or phone number."""
    clients = {}
    leaks, scanned = [], 0
    for who, url in _pages(world):
        if who not in clients:
            clients[who] = Client()
            if who:
                clients[who].force_login(officers[who])
        response = clients[who].get(url)
        assert response.status_code == 200, f"{who} {url}: {response.status_code}"
        text = _text(response)
        squeezed = re.sub(r"[\s\-.()]", "", text)
        found = [s for s in world["secrets"] if s in text or s in squeezed]
        if found:
            leaks.append(f"{who} {url}: {found}")
        scanned += 1
    assert leaks == []
    assert scanned >= 40


def test_it_masks_rather_than_drops_where_a_number_is_shown(world, officers):
    """Lists that show a number show its mask (the count stays useful to officers)."""
    client = Client()
    client.force_login(officers["front_office"])
    failed = client.get(reverse("notify:failed")).content.decode()
    assert mask_phone("+6281234567890") in failed
    api = client.get("/api/v1/notify/outbox").json()["items"]
    assert any(m["recipient"] == mask_phone("+6281234567890") for m in api)
    client.force_login(officers["sekretaris"])
    detail = client.get(reverse("complaints:detail", kwargs={"pk": world["complaint"].pk}))
    assert mask_phone(COMPLAINANT_PHONE) in detail.content.decode()
    register = client.get(reverse("complaints:register")).content.decode()
    assert mask_phone(COMPLAINANT_PHONE) in register
    public = Client().get(reverse("verify", kwargs={"code": world["ready"].permit.verify_code}))
    assert mask_nik(world["applicant"].nik) in public.content.decode()


def test_it_shows_the_full_number_to_whoever_conveys_the_answer(world, officers):
    """The complaint desk handling the complaint still sees the number to call."""
    client = Client()
    client.force_login(officers["pengelola_pengaduan"])
    detail = client.get(reverse("complaints:detail", kwargs={"pk": world["complaint"].pk}))
    assert "+6281370001234" in detail.content.decode()


def test_the_scan_can_fail(world, officers):
    """The scan sees a number where one is shown in full (the FO's own file view)."""
    client = Client()
    client.force_login(officers["front_office"])
    url = reverse("accounts:correct_identity", kwargs={"pk": world["ready"].pk})
    text = _text(client.get(url))
    assert world["applicant"].nik in text
