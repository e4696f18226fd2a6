"""Indonesian by default; English through the language switch."""

from django.urls import reverse


def test_it_speaks_indonesian_by_default_and_english_on_request(client, db):
    """The login page says 'Masuk' by default and 'Log in' after switching to English."""
    html = client.get(reverse("login")).content.decode()
    assert 'lang="id"' in html and "Masuk" in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in html and "Log in" in html


def test_it_ignores_the_browsers_language(client, db):
    """An English-language browser still gets Indonesian until the user switches."""
    html = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="id"' in html and "Masuk" in html
