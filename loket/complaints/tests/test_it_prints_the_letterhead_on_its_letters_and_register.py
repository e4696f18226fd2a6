"""The reply letter and the printed Buku Pengaduan carry the office's kop surat: the
regional government, the office's name, its address and contacts, above the text.
They are the office's documents: Indonesian whatever the reader's language."""

import subprocess

import pytest

from loket.complaints import actions
from loket.complaints.models import SURAT
from loket.complaints.tests.helpers import recorded, to_ready
from loket.core.demo import give_demo_identity

KOP = [
    "PEMERINTAH KOTA PEKANBARU",
    "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KOTA PEKANBARU",
    "Jl. Jend. Sudirman No. 464, Kota Pekanbaru 28126 · Telp. (0761) 000000",
    "Email dpmptsp@pekanbaru.go.id",
]


def _text(pdf):
    assert pdf.startswith(b"%PDF")
    run = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True)
    return " ".join(run.stdout.decode().split())


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_reply_letter_and_register_have_the_kop(client, office, officers, outbox, language):
    """The kop comes first on both documents."""
    give_demo_identity(office)
    handler = officers["pengelola_pengaduan"]
    c = to_ready(
        recorded(office, handler, SURAT, name="Bu Ani", address="Jl. A"), officers, "ringan"
    )
    c = actions.answer(c, handler, "Antrean kini dibuka pukul 07.30.")
    client.force_login(handler)
    client.cookies["django_language"] = language
    letter = _text(client.get(f"/pengaduan/{c.pk}/surat-balasan.pdf").content)
    register = _text(client.get("/pengaduan/buku/?format=pdf").content)
    # The letter is a document of record (Indonesian); the register follows the page.
    heading = {"id": "BUKU PENGADUAN", "en": "COMPLAINTS REGISTER"}[language]
    for text, first_line_after in ((letter, "Perihal"), (register, heading)):
        for line in KOP:
            assert line in text
        assert text.index(KOP[0]) < text.index(first_line_after)
    assert "Pekanbaru, " in letter and "Kota Pekanbaru," not in letter  # dated at the place
