"""Service times read in the page's language, with its plural and decimal separator:
"1 hari kerja", "1,5 hari kerja", "30 menit" in Indonesian; "1 working day",
"1.5 working days", "30 minutes" in English (never "3 menit" on an English page)."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from loket.standards.spec import TimeStandard


@pytest.mark.parametrize(
    ("time", "indonesian", "english"),
    [
        (TimeStandard(working_days=1), "1 hari kerja", "1 working day"),
        (TimeStandard(working_days=1.5), "1,5 hari kerja", "1.5 working days"),
        (TimeStandard(working_days=3), "3 hari kerja", "3 working days"),
        (TimeStandard(minutes=1), "1 menit", "1 minute"),
        (TimeStandard(minutes=30), "30 menit", "30 minutes"),
    ],
)
def test_a_time_standard_in_both_languages(time, indonesian, english):
    with translation.override("id"):
        assert str(time) == indonesian
    with translation.override("en"):
        assert str(time) == english


def test_the_catalogue_in_english_gives_working_days(client, sikts):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("standards:catalogue")).content.decode()
    assert "working day" in html and "hari kerja" not in html
