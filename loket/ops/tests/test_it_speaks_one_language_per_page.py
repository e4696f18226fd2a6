"""Every page of every role, in Indonesian and in English, shows only that language:
no common word of the other language, no Indonesian text left untranslated."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from loket.ops.tests.known_language_leaks import KNOWN_LEAKS
from loket.testing_language import (
    demo_data_texts,
    foreign_words,
    in_context,
    untranslated,
    visible_text,
)
from loket.testing_pages import ANONYMOUS, LANGUAGES, ROLES, demo_objects, demo_usernames, pages_of

pytestmark = pytest.mark.django_db


def _cases():
    for role in ROLES:
        for page in pages_of(role):
            for language in LANGUAGES:
                reason = KNOWN_LEAKS.get(f"{role} {page.key} {language}")
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(
                    role, page, language, marks=marks, id=f"{role}-{page.key}-{language}"
                )


@pytest.fixture(scope="module")
def demo(demo_data, django_db_blocker):
    with django_db_blocker.unblock():
        return demo_objects(), demo_usernames(), {lang: demo_data_texts(lang) for lang in LANGUAGES}


@pytest.mark.parametrize(("role", "page", "language"), list(_cases()))
def test_it_shows_the_page_in_one_language(demo, role, page, language):
    """The page's visible text holds no common word of the other language (names and
    what people typed aside) and, in English, no Indonesian text left untranslated."""
    objects, usernames, typed = demo
    client = Client()
    client.cookies["django_language"] = language
    if role != ANONYMOUS:
        client.force_login(get_user_model().objects.get(username=usernames[role]))
    response = client.get(page.url(objects))
    assert response.status_code == 200
    body = response.content.decode()
    text = visible_text(body)
    for data in typed[language]:
        text = text.replace(data, " ")
    leaks = {"foreign words": in_context(text, foreign_words(text, language))}
    if language == "en":
        with translation.override("en"):
            leaks["untranslated"] = untranslated(body)
    leaks = {what: found for what, found in leaks.items() if found}
    assert not leaks, f"LEAK {role} {page.key} {language}: {leaks}"
