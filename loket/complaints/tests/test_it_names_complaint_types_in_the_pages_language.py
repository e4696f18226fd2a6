"""The complaint types of the office's standard are offered and shown in the page's
language: the standard gives each name as an `{id: …, en: …}` pair."""

import re

from django.urls import reverse

from loket.complaints.config import complaint_settings
from loket.complaints.tests.helpers import web_complaint


def _offered(client, language):
    client.cookies["django_language"] = language
    page = client.get("/pengaduan/").content.decode()
    select = page.split('name="type"')[1].split("</select>")[0]
    return re.findall(r'<option value="[^"]*"[^>]*>([^<]*)</option>', select)


def test_the_public_form_offers_the_types_in_the_pages_language(client, office):
    english = _offered(client, "en")
    assert "Requirements" in english and "Costs/fees" in english
    assert "Persyaratan" not in english and "Biaya/tarif" not in english
    indonesian = _offered(client, "id")
    assert "Persyaratan" in indonesian and "Biaya/tarif" in indonesian
    assert "Requirements" not in indonesian


def test_the_settings_name_a_type_in_the_language_asked_when_shown(office):
    """The settings outlive a request: the name is picked when it is shown."""
    from django.utils import translation

    label = complaint_settings(office).type_label("waktu")
    with translation.override("en"):
        assert str(label) == "Completion time"
    with translation.override("id"):
        assert str(label) == "Waktu penyelesaian"


def test_a_recorded_complaints_page_names_its_type_in_english(client, office, officers):
    complaint = web_complaint(office, type="persyaratan")
    client.force_login(officers["pengelola_pengaduan"])
    client.cookies["django_language"] = "en"
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Requirements" in page
    assert "Persyaratan" not in page
