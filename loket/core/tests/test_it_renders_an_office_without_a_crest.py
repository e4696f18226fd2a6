"""An office that has set no crest, and has written nothing but its name and city (as
the standards loader creates it), still gets a header, a footer and a kop surat: no
image, the government line made from the city, its working hours as opening hours."""

import subprocess

import pytest
from django.template.loader import render_to_string
from django.test import Client

from loket.lib.pdf import html_to_pdf


@pytest.mark.parametrize(
    ("language", "hours"), [("id", "Senin-Jumat 08.00-16.00 WIB"), ("en", "Monday-Friday")]
)
def test_the_page_shows_the_name_without_an_image(office, language, hours):
    """No <img> in header or footer; the name, government line and hours are there."""
    assert office.crest == "" and office.government == ""
    client = Client()
    client.cookies["django_language"] = language
    html = client.get("/layanan/").content.decode()
    header, _, rest = html.partition("<main")
    footer = rest.partition("</main>")[2]
    assert "PEMERINTAH KOTA PEKANBARU" in header
    assert "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru" in header
    # The office's block in the header (the menu's close icon is an image of its own).
    identity = header.partition('id="identitas-instansi"')[2].partition("</div>")[0]
    assert identity and "<img" not in identity and "<img" not in footer
    assert hours in footer


def test_the_letterhead_prints_without_an_image(office):
    """The kop surat renders to PDF with its text and no image."""
    office.address, office.phone = "Jl. Jend. Sudirman No. 464", "(0761) 000000"
    letterhead = render_to_string("core/pdf/letterhead.html", {"office": office})
    assert "<img" not in letterhead
    pdf = html_to_pdf(f"<html><body>{letterhead}</body></html>")
    run = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True)
    text = " ".join(run.stdout.decode().split())
    assert "PEMERINTAH KOTA PEKANBARU" in text
    assert "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU KOTA PEKANBARU" in text
    assert "Jl. Jend. Sudirman No. 464, Kota Pekanbaru · Telp. (0761) 000000" in text
