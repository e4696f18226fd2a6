"""The public pages of a standard, without login."""

import subprocess

from django.urls import reverse

from loket.standards.schema import COMPONENT_KEYS


def test_it_shows_all_fourteen_components_and_the_sop(client, sikts):
    """The service page lists the 14 components, the nine steps and the total time."""
    page = client.get(reverse("standards:detail", args=["dpmptsp-pekanbaru", "sikts"]))
    assert page.status_code == 200
    html = page.content.decode()
    for key in COMPONENT_KEYS:
        assert f'id="komponen-{key}"' in html, key
    assert html.count('<tr><th scope="row" data-label="No.">') >= 9  # the SOP's steps
    assert "2 hari kerja" in html
    assert "Permenkes" in html or "32 Tahun 2013" in html


def test_it_lists_the_service_in_the_catalogue(client, sikts):
    """The catalogue links to the standard and to applying."""
    html = client.get(reverse("standards:catalogue")).content.decode()
    assert sikts.service.get_absolute_url() in html
    assert reverse("permits:apply", args=[sikts.service.pk]) in html


def test_it_prints_the_standard_as_a_pdf(client, sikts, tmp_path):
    """The PDF holds the components and the SOP table with actors and times."""
    response = client.get(reverse("standards:pdf", args=["dpmptsp-pekanbaru", "sikts"]))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    path = tmp_path / "standar.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "STANDAR OPERASIONAL PROSEDUR" in text
    assert "Kepala Dinas" in text and "2 hari kerja" in text


def test_it_answers_404_for_an_unknown_service(client, sikts):
    """An unknown service code is a plain 404."""
    response = client.get(reverse("standards:detail", args=["dpmptsp-pekanbaru", "nope"]))
    assert response.status_code == 404
