"""The published service standard (PDF) is printed on its office's kop surat, in
Indonesian whatever the reader's language."""

import subprocess

import pytest
from django.urls import reverse

from loket.core.demo import give_demo_identity


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_standard_pdf_starts_with_the_kop(client, sikts, language):
    give_demo_identity(sikts.service.office)
    client.cookies["django_language"] = language
    response = client.get(reverse("standards:pdf", args=["dpmptsp-pekanbaru", "sikts"]))
    run = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True)
    text = " ".join(run.stdout.decode().split())
    assert text.startswith("PEMERINTAH KOTA PEKANBARU DINAS PENANAMAN MODAL DAN PELAYANAN")
    assert "Jl. Jend. Sudirman No. 464, Kota Pekanbaru 28126 · Telp. (0761) 000000" in text
    assert text.index("Telp. (0761) 000000") < text.index("STANDAR PELAYANAN")
