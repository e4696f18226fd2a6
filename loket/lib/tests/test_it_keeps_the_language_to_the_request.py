"""A request in English leaves the thread in the language it was in before: work done
afterwards in the same thread (the next job, the next test) is not in English."""

from django.conf import settings
from django.utils import translation


def test_an_english_request_leaves_indonesian_behind(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("id"):
        page = client.get("/masuk/")
        assert 'lang="en"' in page.content.decode()
        assert translation.get_language() == "id"
        assert translation.gettext("Ya") == "Ya"
