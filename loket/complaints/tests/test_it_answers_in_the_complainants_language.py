"""The answer goes out in the language the complaint was written in, as the
acknowledgement did; a complaint from the Indonesian page is answered in Indonesian."""

from loket.complaints import actions
from loket.complaints.models import INTERNET


def _file(office, language):
    intake = actions.Intake(
        description="Antrean lama.", email="amy@example.org", phone="081234567890"
    )
    return actions.file_complaint(office, intake, channel=INTERNET, language=language)


def test_it_answers_in_the_language_the_complaint_was_filed_in(office, officers, outbox):
    """The complaint keeps its language; its answer's email and SMS are queued in it."""
    handler = officers["pengelola_pengaduan"]
    english = _file(office, "en")
    indonesian = _file(office, "id")
    assert (english.language, indonesian.language) == ("en", "id")
    for complaint in (english, indonesian):
        actions.answer(actions.weigh(complaint, handler, "ringan", "uji"), handler, "Jawaban")
    answers = {(m["key"], m["language"]) for m in outbox if m["template"] == "complaint_answer"}
    assert answers == {
        (f"complaint:{english.pk}:answer:email", "en"),
        (f"complaint:{english.pk}:answer:sms", "en"),
        (f"complaint:{indonesian.pk}:answer:email", "id"),
        (f"complaint:{indonesian.pk}:answer:sms", "id"),
    }
