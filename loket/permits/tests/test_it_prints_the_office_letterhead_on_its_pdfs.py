"""The file's documents (the receipt, the control card, the permit's draft) carry the
office's kop surat from the office record: crest, regional government, the office's
name, its address and contacts, above the document's own title."""

import subprocess

import pytest

from loket.core.demo import give_demo_identity
from loket.permits.cards import control_card_pdf, receipt_pdf
from loket.permits.drafts import render_draft

KOP = [
    "PEMERINTAH KOTA PEKANBARU",
    "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KOTA PEKANBARU",
    "Jl. Jend. Sudirman No. 464, Kota Pekanbaru 28126 · Telp. (0761) 000000",
    "WhatsApp 0811-7600-0000",
]


def _text(pdf):
    run = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True)
    return " ".join(run.stdout.decode().split())


@pytest.mark.parametrize(
    ("render", "title"),
    [
        (receipt_pdf, "TANDA TERIMA BERKAS PERMOHONAN"),
        (control_card_pdf, "KARTU KENDALI"),
        (render_draft, "Ditetapkan di"),
    ],
    ids=["receipt", "control-card", "permit-draft"],
)
def test_the_kop_comes_first(application, render, title):
    give_demo_identity(application.office)
    application.refresh_from_db()
    text = _text(render(application))
    for line in KOP:
        assert line in text
    assert text.index(KOP[1]) < text.index(title)
