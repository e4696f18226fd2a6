"""The standards API gives each step the short label the officer's file page heads it
with, in the request's language; a step whose standard has no `label` gets what the
file page shows then: its SOP sentence cut at a word."""

from django.test import Client
from django.urls import reverse

from loket.testing import SIKTS_YAML, file_for, load_sikts, make_applicant, make_officers

URL = "/api/v1/standards/dpmptsp-pekanbaru/sikts"


def _labels(language):
    client = Client()
    client.cookies["django_language"] = language  # the language switch's choice
    response = client.get(URL)
    assert response.status_code == 200
    return [step["label"] for step in response.json()["steps"]]


def test_each_step_has_its_label_in_the_requests_language(sikts):
    """Indonesian by default, English for a caller who chose it (the language cookie)."""
    assert _labels("id")[:4] == [
        "Pengajuan berkas",
        "Periksa berkas",
        "Cetak blanko",
        "Paraf JF Ahli Muda",
    ]
    assert _labels("en")[:4] == [
        "Filing",
        "Check the file",
        "Print the draft",
        "Initial (JF Ahli Muda)",
    ]


def test_a_step_without_a_label_gets_what_the_file_page_shows(client, db):
    """The first words of the SOP sentence, cut at a word, in each language: the same
    text the officer's file page heads that step with."""
    label = '    label: {id: Periksa berkas, en: "Check the file"}\n'
    text = SIKTS_YAML.read_text(encoding="utf-8")
    assert text.count(label) == 1
    version = load_sikts(text.replace(label, ""))
    assert version.spec.step(2).labels is None
    assert _labels("id")[1] == "Petugas menerima dan memeriksa berkas…"
    assert _labels("en")[1] == "The officer receives and checks the…"
    assert _labels("en")[0] == "Filing"

    application = file_for(version, make_applicant(version.service.office))  # at step 2
    client.force_login(make_officers(version.service.office)["front_office"])
    page = reverse("permits:detail", args=[application.pk])
    for language in ("id", "en"):
        client.cookies["django_language"] = language
        html = client.get(page).content.decode()
        heading = (
            f'<h2 class="usa-summary-box__heading" id="next-action">{_labels(language)[1]}</h2>'
        )
        assert heading in html


def test_the_api_contract_describes_the_label(db):
    """The OpenAPI document lists `label` as a required text of each step."""
    schema = Client().get("/api/v1/openapi.json").json()
    step = schema["components"]["schemas"]["StepOut"]
    assert step["properties"]["label"]["type"] == "string"
    assert "label" in step["required"]
    assert "file page" in step["properties"]["label"]["description"]
