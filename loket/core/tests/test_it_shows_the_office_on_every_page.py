"""Every page shows the office it speaks for: the crest, the regional government and
the office's name in the header (linked home), and in the footer its address, opening
hours, contacts and the channels a complaint may come in by, in either language."""

import pytest
from django.test import Client

from loket.core.demo import give_demo_identity

NAME = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru"


def _parts(html):
    """(header, footer) of a page: the text before <main> and after </main>."""
    head, _, rest = html.partition("<main")
    _, _, foot = rest.partition("</main>")
    return head, foot


def _page(client, url, language):
    if language == "en":
        client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "hours", "channels_heading", "counter_channel"),
    [
        ("id", "Senin-Jumat 08.00-16.00 WIB", "Saluran pengaduan", "Langsung (loket pengaduan)"),
        (
            "en",
            "Monday-Friday 8:00-16:00 WIB",
            "Complaint channels",
            "In person (complaints counter)",
        ),
    ],
)
@pytest.mark.parametrize("who", ["public", "login", "officer"])
def test_it_shows_name_address_hours_contacts_and_channels(
    office, officers, who, language, hours, channels_heading, counter_channel
):
    """A public page (the services catalogue), the login page and an officer's inbox
    all carry the office in header and footer."""
    give_demo_identity(office)
    client = Client()
    url = {"public": "/layanan/", "login": "/masuk/", "officer": "/kotak-masuk/"}[who]
    if who == "officer":
        client.force_login(officers["front_office"])
    header, footer = _parts(_page(client, url, language))
    assert "PEMERINTAH KOTA PEKANBARU" in header and NAME in header
    assert 'href="/"' in header and 'src="/static/core/crest/contoh.svg"' in header
    assert "Jl. Jend. Sudirman No. 464, Kota Pekanbaru 28126" in footer
    assert hours in footer
    assert "(0761) 000000" in footer and 'href="tel:+62761000000"' in footer
    assert 'href="https://wa.me/6281176000000"' in footer and "0811-7600-0000" in footer
    assert "mailto:dpmptsp@pekanbaru.go.id" in footer
    assert "https://dpmptsp.pekanbaru.go.id" in footer
    assert channels_heading in footer and counter_channel in footer
    assert 'href="/pengaduan/"' in footer  # the online complaint form
