"""A finished file shows when it finished, not a future estimate; how the permit was
collected is said in words, not as a code; an online filing's first card line is the
applicant's filing, not the Front Office's step initialled by the applicant."""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from loket.testing import advance


def _page(client, url, lang):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_the_card_names_the_online_filing(client, officers, application):
    client.force_login(officers["back_office"])
    url = reverse("permits:detail", args=[application.pk])
    html = _page(client, url, "id")
    assert "1. Pengajuan daring oleh pemohon" in html
    filed = application.card_entries.order_by("pk").first()
    assert f"<td>{filed.officer_name} (pemohon)</td>" in html
    assert "1. Online filing by the applicant" in _page(client, url, "en")


def test_a_finished_file_shows_its_finish_and_how_it_was_collected(client, officers, application):
    application = advance(application, officers, 99)
    assert not application.is_open
    client.force_login(officers["front_office"])
    url = reverse("permits:detail", args=[application.pk])
    html = _page(client, url, "id")
    assert "Target selesai" not in html
    finished = date_format(localtime(application.finished_at), "DATETIME_FORMAT")
    assert f"Selesai: <b>{finished}</b>" in html
    assert "(diambil di loket)" in html and "(counter)" not in html
    html = _page(client, url, "en")
    assert "(collected at the counter)" in html
