"""The officer who holds the file reads the step's short name as the heading of the next
action, with the SOP sentence below it as help; the inbox names each file's step the
same way, never cut mid-word."""

import re

from django.conf import settings
from django.urls import reverse

from loket.standards.spec import Step, shorten


def _page(client, url, lang="id"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client.get(url, HTTP_ACCEPT_LANGUAGE=lang).content.decode()


def test_the_file_page_heads_the_action_with_the_short_label(client, officers, application):
    client.force_login(officers["front_office"])
    url = reverse("permits:detail", args=[application.pk])
    html = _page(client, url)
    heading = re.search(r'<h2 class="usa-summary-box__heading" id="next-action">(.*?)</h2>', html)
    assert heading and heading.group(1) == "Periksa berkas"
    # The whole SOP sentence is the help text under it, not the heading.
    assert 'id="step-sop">Langkah 2 · Petugas menerima dan memeriksa berkas' in html
    # The action comes before the file's particulars.
    assert html.index('id="step-actions"') < html.index('id="answers"')
    html = _page(client, url, "en")
    assert '<h2 class="usa-summary-box__heading" id="next-action">Check the file</h2>' in html


def test_the_inbox_names_the_step(client, officers, application):
    client.force_login(officers["front_office"])
    assert "2. Periksa berkas</td>" in _page(client, reverse("permits:inbox"))
    assert "2. Check the file</td>" in _page(client, reverse("permits:inbox"), "en")


def test_a_step_without_a_label_is_shortened_at_a_word():
    """A standard without `label` still reads: its sentence's first clause, or words."""
    sentence = (
        "Petugas menerima dan memeriksa berkas permohonan izin dari Pemohon. "
        "Jika lengkap, dilanjutkan ke proses berikutnya."
    )
    cut = shorten(sentence, 40)
    assert cut == "Petugas menerima dan memeriksa berkas…"
    assert sentence.startswith(cut.rstrip("…"))
    assert shorten("Petugas mencetak blanko surat izin", 40) == "Petugas mencetak blanko surat izin"
    assert shorten("Pemohon mengisi formulir; menyerahkan berkas", 40) == "Pemohon mengisi formulir"
    step = Step.from_data(
        {"no": 1, "name": sentence, "kind": "check", "role": "front_office", "time": {"minutes": 5}}
    )
    assert step.label == "Petugas menerima dan memeriksa berkas…"
