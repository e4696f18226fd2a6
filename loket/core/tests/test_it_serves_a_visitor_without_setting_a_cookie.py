"""A visitor who only reads gets pages without cookies, and the layout each worker keeps
once per language (docs/bench.md, "The layout, rendered once per worker") still shows
each visitor their own navigation, in their own language.

The language switch carries no CSRF token (loket/urls.py says why): a first visit to a
public page used to mint a CSRF secret and set its cookie only for that switch."""

from django.test import Client
from django.urls import reverse

from loket.testing import PASSWORD, advance


def _nav(response):
    html = response.content.decode()
    return html[html.index('<nav aria-label="') : html.index("</nav>")]


def test_a_public_page_read_by_a_visitor_sets_no_cookie(application, officers):
    permit = advance(application, officers, 9).permit
    client = Client()
    for url in (
        reverse("verify", args=[permit.verify_code]),
        reverse("standards:catalogue"),
        reverse("permits:track"),
        reverse("permits:track")
        + f"?reg={application.reg_number}&code={application.tracking_code}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert dict(response.cookies) == {}, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url
    # The verification page's PDF check still answers a visitor without a token.
    checked = Client(enforce_csrf_checks=True).post(reverse("verify", args=[permit.verify_code]))
    assert checked.status_code == 200
    assert "Pilih berkas PDF izin yang akan diperiksa." in checked.content.decode()


def test_the_language_switch_works_without_a_token_and_changes_only_the_language(db):
    client = Client(enforce_csrf_checks=True)
    switched = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("permits:track")}
    )
    assert switched.status_code == 302 and switched["Location"] == reverse("permits:track")
    assert set(switched.cookies) == {"django_language"}
    page = client.get(reverse("permits:track"))
    assert '<html lang="en">' in page.content.decode()
    assert "Skip to main content" in page.content.decode()
    # Somewhere else than the site itself is not a place the switch sends anyone.
    away = client.post(reverse("set_language"), {"language": "id", "next": "https://evil.example/"})
    assert away["Location"] == "/"


def test_each_visitor_sees_their_own_navigation_in_their_own_language(applicant):
    visitor, english_visitor, signed_in = Client(), Client(), Client()
    english_visitor.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert signed_in.login(username=applicant.user.username, password=PASSWORD)
    url = reverse("standards:catalogue")

    # Each order in turn, so no visitor is served the layout another one warmed.
    for _round in range(2):
        nav = _nav(visitor.get(url))
        assert "Lacak berkas" in nav and "Masuk" in nav and "Daftar" in nav
        assert "Permohonan saya" not in nav and "Track a file" not in nav

        nav = _nav(english_visitor.get(url))
        assert "Services" in nav and "Track a file" in nav and "Log in" in nav and "Register" in nav
        assert "Lacak berkas" not in nav and "Masuk" not in nav

        nav = _nav(signed_in.get(url))
        assert "Lacak berkas" in nav and "Permohonan saya" in nav
        assert f"Keluar ({applicant.user.get_full_name()})" in nav
        assert "Daftar" not in nav and ">Masuk<" not in nav
