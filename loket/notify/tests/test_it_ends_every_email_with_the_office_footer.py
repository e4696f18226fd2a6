"""Every email Loket sends ends with the office's footer: its name, address, opening
hours and contacts, in the language of the message. SMS stay short: no footer."""

import pytest
from django.core import mail

from loket.core.demo import give_demo_identity
from loket.notify.actions import queue_message

CONTEXT = {
    "name": "Siti Aminah",
    "service_code": "SIKTS",
    "service_name": "Surat Izin Kerja Tenaga Sanitarian",
    "number": "503/001/SIKTS/2026",
    "reg_number": "SIKTS-2026-0001",
    "office_name": "DPMPTSP",
    "office_short": "DPMPTSP",
    "office_address": "Jl. Jend. Sudirman No. 464",
    "account_url": "https://loket.example/saya/",
    "track_url": "https://loket.example/lacak/",
    "verify_url": "https://loket.example/v/abc/",
}


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        (
            "id",
            [
                "Jam layanan: Senin-Jumat 08.00-16.00 WIB; Sabtu, Minggu dan hari libur: tutup",
                "Telepon: (0761) 000000",
                "Situs web: https://dpmptsp.pekanbaru.go.id",
            ],
        ),
        (
            "en",
            [
                "Opening hours: Monday-Friday 8:00-16:00 WIB; "
                "Closed on weekends and public holidays",
                "Phone: (0761) 000000",
                "Website: https://dpmptsp.pekanbaru.go.id",
            ],
        ),
    ],
)
def test_the_sent_email_carries_the_footer(
    office, language, lines, django_capture_on_commit_callbacks
):
    """The mail that leaves (not just the outbox row) ends with the footer."""
    give_demo_identity(office)
    with django_capture_on_commit_callbacks(execute=True):
        queue_message(
            office,
            "email",
            "siti@example.org",
            "permit_ready",
            CONTEXT,
            f"footer:{language}",
            language=language,
        )
    body = mail.outbox[-1].body
    footer = body.split("\n-- \n", 1)[1].splitlines()
    assert footer[0] == "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru"
    assert footer[1] == "Jl. Jend. Sudirman No. 464, Kota Pekanbaru 28126"
    for line in lines:
        assert line in footer
    assert "WhatsApp: 0811-7600-0000" in footer
    assert "Email: dpmptsp@pekanbaru.go.id" in footer


def test_an_sms_has_no_footer(office):
    """An SMS keeps to its length limit: the footer is for email only."""
    give_demo_identity(office)
    message = queue_message(
        office, "sms", "081234567890", "permit_ready", CONTEXT, "footer:sms", language="id"
    )
    assert "Jam layanan" not in message.body and "-- " not in message.body
