"""The survey form names the regulation's elements and answers in the page's language:
"U3. Waktu Penyelesaian" and "4. sangat cepat" in Indonesian, "U3. Completion Time" and
"4. very fast" in English."""

import pytest
from django.conf import settings
from django.urls import reverse


@pytest.mark.parametrize(
    ("language", "shown", "absent"),
    [
        ("id", ["U3. Waktu Penyelesaian", "4. sangat cepat", "1. sangat mahal"], "Completion"),
        ("en", ["U3. Completion Time", "4. very fast", "1. very expensive"], "sangat"),
    ],
)
def test_the_form_in_both_languages(client, sikts, language, shown, absent):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    service = sikts.service
    page = client.get(reverse("surveys:fill", args=[service.office.code, service.code]))
    html = page.content.decode()
    assert page.status_code == 200
    assert all(text in html for text in shown) and absent not in html
