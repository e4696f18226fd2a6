"""Every page shows the office's identity; a worker reads the office once and renders
its header and footer once per language, then keeps them (loket.core.identity).
Saving the office shows the change on the next page at once, in the worker that
saved it; the other workers' copies expire after IDENTITY_CACHE_SECONDS."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from loket.core.models import Office


def _page(language="id"):
    client = Client()
    client.cookies["django_language"] = language
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/lacak/").content.decode()
    table = f'"{Office._meta.db_table}"'
    offices = [q for q in queries.captured_queries if table in q["sql"]]
    return html, len(offices)


def test_the_office_is_read_once_and_then_kept(office):
    first, read = _page()
    assert "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru" in first
    assert read == 1
    again, read_again = _page()
    assert read_again == 0 and again.count("Jam layanan") == first.count("Jam layanan") == 1


def test_each_language_gets_its_own_header_and_footer(office):
    indonesian, _ = _page("id")
    english, _ = _page("en")
    assert "Jam layanan" in indonesian and "Hubungi kami" in indonesian
    assert "Opening hours" in english and "Contact us" in english
    assert "Jam layanan" not in english and "Opening hours" not in indonesian


def test_saving_the_office_shows_at_once(office):
    _page()
    office.name = "Dinas Perizinan Kota Contoh"
    office.save()
    html, read = _page()
    assert read == 1
    assert html.count("Dinas Perizinan Kota Contoh") >= 2  # header and footer
    assert Office.objects.get(pk=office.pk).name in html
