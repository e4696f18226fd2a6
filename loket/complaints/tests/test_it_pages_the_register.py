"""The Buku Pengaduan on screen and in the API: newest first, a page at a time, the
filters kept across pages; the exports still hold the whole book."""

import io

from openpyxl import load_workbook

from loket.complaints import queries
from loket.complaints.tests.helpers import web_complaint

API = "/api/v1/complaints"


def _tickets(html):
    return [t for t in html.split('class="register-row"')[1:]]


def test_it_shows_the_register_newest_first_a_page_at_a_time(client, office, officers, monkeypatch):
    monkeypatch.setattr(queries, "REGISTER_PAGE_SIZE", 2)
    first, second, third = (web_complaint(office, name=f"Warga {i}") for i in range(3))
    client.force_login(officers["pengelola_pengaduan"])

    page1 = client.get("/pengaduan/buku/?channel=internet").content.decode()
    rows = _tickets(page1)
    assert len(rows) == 2
    assert third.ticket in rows[0] and second.ticket in rows[1]
    # The next page keeps the filter; there is no previous page.
    assert 'href="?channel=internet&amp;hal=2"' in page1
    assert "hal=0" not in page1

    page2 = client.get("/pengaduan/buku/?channel=internet&hal=2").content.decode()
    rows = _tickets(page2)
    assert len(rows) == 1 and first.ticket in rows[0]
    assert ">3</td>" in rows[0].split("<td", 2)[1]  # numbered on from the first page
    assert 'href="?channel=internet&amp;hal=1"' in page2 and "hal=3" not in page2

    # A page number that is not a number is the first page, not an error.
    assert len(_tickets(client.get("/pengaduan/buku/?hal=x").content.decode())) == 2

    # The export is the whole book in date order, whatever page is on screen.
    xlsx = client.get("/pengaduan/buku/?hal=2&format=xlsx")
    tickets = [r[1].value for r in load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(3)]
    assert tickets == [first.ticket, second.ticket, third.ticket]


def test_the_api_pages_the_register_like_the_page(client, office, officers, monkeypatch):
    monkeypatch.setattr(queries, "REGISTER_PAGE_SIZE", 2)
    first, second, third = (web_complaint(office, name=f"Warga {i}") for i in range(3))
    client.force_login(officers["pengelola_pengaduan"])
    one = client.get(f"{API}/register").json()
    assert [r["ticket"] for r in one["items"]] == [third.ticket, second.ticket]
    assert one["page"] == 1 and one["has_next"] is True
    two = client.get(f"{API}/register", {"page": 2}).json()
    assert [r["ticket"] for r in two["items"]] == [first.ticket]
    assert two["has_next"] is False
