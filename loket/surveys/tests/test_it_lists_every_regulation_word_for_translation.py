"""Every Indonesian word of the regulation that ikm holds (element names, answer labels,
performance bands) is listed for the message catalogue, so English pages translate it."""

from django.utils import translation

from loket.surveys import ikm
from loket.surveys.words import WORDS


def test_every_word_of_ikm_is_listed():
    used = {element.name for element in ikm.ELEMENTS}
    used |= {label for labels in ikm.ANSWER_LABELS.values() for label in labels}
    used |= set(ikm.KINERJA.values())
    assert used - set(WORDS) == set()


def test_each_listed_word_has_its_english():
    """In English none of them is left in Indonesian (same-spelled words aside: none)."""
    with translation.override("en"):
        untranslated = [word for word in WORDS if translation.gettext(word) == word]
    assert untranslated == []
    with translation.override("en"):
        assert translation.gettext("Waktu Penyelesaian") == "Completion Time"
        assert translation.gettext("baik") == "good"
