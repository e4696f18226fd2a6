"""Messages go out in the language the applicant used: English or Indonesian (the fallback)."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from loket.accounts.actions import register_applicant
from loket.accounts.models import Applicant
from loket.notify.models import MessageTemplate, Outbox
from loket.permits import actions
from loket.permits.messages import about_file
from loket.testing import file_for, make_applicant

ONLINE = {
    "full_name": "Siti Aminah",
    "nik": "1471055203900002",
    "birth_place": "Pekanbaru",
    "birth_date": "1990-03-12",
    "sex": "P",
    "address": "Jl. Sudirman 10",
    "phone": "0812-3456-7890",
    "email": "",
    "consent": "on",
    "password1": "Sanitarian-2026!",
    "password2": "Sanitarian-2026!",
}
WALK_IN = {
    "full_name": "Budi Santoso",
    "nik": "1471051203900003",
    "birth_place": "Pekanbaru",
    "birth_date": "1990-03-12",
    "sex": "L",
    "address": "Jl. Riau 1",
    "phone": "081200000003",
    "consent": True,
}


def test_it_keeps_the_language_the_applicant_registered_in(office):
    """Registering with the page in English stores "en"; in Indonesian, "id"."""
    english = Client()
    english.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert english.post(reverse("accounts:register"), ONLINE).status_code == 302
    assert Applicant.objects.get().language == "en"

    indonesian = Client()
    other = ONLINE | {"nik": "1471055203900010", "full_name": "Ani"}
    assert indonesian.post(reverse("accounts:register"), other).status_code == 302
    assert Applicant.objects.order_by("pk").last().language == "id"


def test_it_takes_the_counters_language_for_a_new_walk_in_only(office, officers):
    """The counter's active language is a new walk-in's; an applicant it finds again keeps
    the language they chose themself."""
    front = officers["front_office"]
    with translation.override("en"):
        walk_in = register_applicant(office, WALK_IN, by=front)
    assert walk_in.language == "en"
    online = make_applicant(office, "Citra")
    Applicant.objects.filter(pk=online.pk).update(language="en")
    again = {
        "full_name": "Citra",
        "nik": online.nik,
        "birth_place": online.birth_place,
        "birth_date": online.birth_date,
        "sex": online.sex,
        "address": online.address,
        "phone": "081234567890",
        "consent": True,
    }
    with translation.override("id"):
        register_applicant(office, again, by=front)
    assert Applicant.objects.get(pk=online.pk).language == "en"


def _returned(sikts, applicant, officers):
    application = file_for(sikts, applicant)
    actions.return_to_applicant(
        application, officers["front_office"], {"ktp": "Foto KTP buram"}, step_no=2
    )
    return {m.channel: m for m in Outbox.objects.filter(about=about_file(application.pk))}


def test_it_picks_the_template_in_the_applicants_language(sikts, office, officers):
    """An "en" applicant's SMS and email are the English templates, an "id" applicant's
    the Indonesian ones; with no English template the Indonesian one is sent."""
    english = make_applicant(office, "Dewi")
    Applicant.objects.filter(pk=english.pk).update(language="en")
    english.refresh_from_db()
    sent = _returned(sikts, english, officers)
    assert "was returned, please complete" in sent["sms"].body
    assert sent["email"].subject.endswith("needs completing")
    assert "Foto KTP buram" in sent["sms"].body

    sent = _returned(sikts, make_applicant(office, "Eka"), officers)
    assert "dikembalikan, mohon dilengkapi" in sent["sms"].body

    MessageTemplate.objects.filter(code="file_returned", language="en").delete()
    fallback = make_applicant(office, "Gita")
    Applicant.objects.filter(pk=fallback.pk).update(language="en")
    fallback.refresh_from_db()
    sent = _returned(sikts, fallback, officers)
    assert "dikembalikan, mohon dilengkapi" in sent["sms"].body
