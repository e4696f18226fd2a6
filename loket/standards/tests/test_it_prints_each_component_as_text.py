"""The published standard shows each component's own text, never program data.

A component without a list (`items`) once printed the Python pairs of its mapping
("('key', 'jangka_waktu')") on the public page and in its PDF.
"""

import subprocess

from django.urls import reverse

PROGRAM_TEXT = ("('key'", "('group'", "('text'", "('title'", "dict_items", "[('")


def _page_text(client):
    html = client.get(reverse("standards:detail", args=["dpmptsp-pekanbaru", "sikts"]))
    return html.content.decode()


def test_it_shows_no_program_text_on_the_page(client, sikts):
    """Every component's sentence is on the page and no Python repr is."""
    html = _page_text(client)
    for marker in PROGRAM_TEXT:
        assert marker not in html, marker
    assert "Jangka waktu penyelesaian pelayanan Surat Izin Kerja Tenaga Sanitarian" in html
    assert "Tidak dipungut biaya." in html


def test_it_shows_no_program_text_in_the_pdf(client, sikts, tmp_path):
    """The same in the standard's PDF, read back as text."""
    response = client.get(reverse("standards:pdf", args=["dpmptsp-pekanbaru", "sikts"]))
    path = tmp_path / "standar.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    for marker in PROGRAM_TEXT:
        assert marker not in text, marker
    assert "Tidak dipungut biaya." in text


def test_it_names_the_kind_a_requirement_is_only_for(client, sikts):
    """A requirement asked only for renewals says so by the kind's name."""
    data = sikts.data
    data["components"][0].pop("items")
    sikts.data = data
    sikts.save(update_fields=["data"])
    html = client.get(
        reverse("standards:detail", args=["dpmptsp-pekanbaru", "sikts"]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert "Surat Izin Kerja Tenaga Sanitarian (SIKTS) yang lama — khusus Perpanjangan" in html
    assert "khusus *" not in html
