"""Every message Loket sends, SMS and email, in Indonesian and in English, rendered from
the contexts the apps really build with long real values: an SMS fits two segments, no
word is cut, and every link is absolute on the site's address and opens the page where
the person acts."""

import re
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
import yaml
from django.conf import settings
from django.template import Context, Template
from django.urls import resolve

from loket.accounts.models import Applicant
from loket.complaints.actions import message_context
from loket.complaints.models import Complaint
from loket.lib import sms
from loket.notify import texts
from loket.notify.actions import render_message
from loket.notify.channels.sms import gsm_safe
from loket.permits import messages as permit_messages
from loket.surveys import messages as survey_messages
from loket.testing import file_for, make_applicant

SITE = "https://perizinan-terpadu.pekanbaru.go.id"
LONG_NAME = "Prof. Dr. Hj. Nurhayati Rahmadaniati Kusumawardhani Sitompul, S.K.M., M.Kes."
ADDRESS = (
    "Jl. Jenderal Sudirman No. 464, Kelurahan Jadirejo, Kecamatan Sukajadi, "
    "Kota Pekanbaru, Riau 28121"
)
PROBLEM = "tidak terbaca karena dipindai miring dan buram, mohon pindai ulang berwarna"
NOTE = (
    "Mohon seluruh dokumen dilegalisir oleh instansi penerbit dan diunggah kembali dalam "
    "satu berkas PDF, sesuai arahan dari pimpinan fasilitas pelayanan kesehatan."
)
ANSWER = (
    "Terima kasih atas pengaduan Bapak/Ibu. Keterlambatan penerbitan izin disebabkan oleh "
    "gangguan sistem tanda tangan elektronik pada tanggal 3 sampai 5 Desember; berkas "
    "Bapak/Ibu telah kami proses dan izin dapat diunduh pada akun Anda. " * 3
)
# Where each message's links may lead: (url name, ...) by template code.
TARGETS = {
    "file_returned": {"permits:resubmit", "permits:track"},
    "permit_ready": {"permits:detail", "permits:track", "verify"},
    "survey_invite": {"surveys:invited"},
    "complaint_received": {"complaints:track"},
    "complaint_answer": {"complaints:track"},
}
URL = re.compile(r"https?://\S+")
ELLIPSES = ("...", sms.ELLIPSIS)


def longest_service_name():
    names = []
    for path in Path(settings.BASE_DIR, "standards").glob("*.yaml"):
        names.append(yaml.safe_load(path.read_text())["name"])
    return max(names, key=len)


@pytest.fixture
def contexts(sikts, office, settings, monkeypatch):
    """{(code, has_account): context} as the permits, surveys and complaints apps build
    them, caught on their way to the outbox."""
    settings.SITE_URL = SITE
    office.name = "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Pekanbaru"
    office.address = ADDRESS
    office.save()
    service = sikts.service
    service.name = longest_service_name()
    service.save()
    caught = {}

    def catch(office, channel, recipient, code, context, key, **kw):
        caught[(code, context.get("has_account", False))] = context

    monkeypatch.setattr(permit_messages, "queue_message", catch)
    monkeypatch.setattr(survey_messages, "queue_message", catch)
    for with_account in (True, False):
        applicant = make_applicant(office, LONG_NAME, with_account=with_account)
        application = file_for(sikts, make_applicant(office, LONG_NAME))
        application.applicant = Applicant.objects.get(pk=applicant.pk)
        application.to_fix = [
            {"requirement": f"dok{i}", "name": f"Dokumen persyaratan nomor {i}", "problem": PROBLEM}
            for i in range(1, 11)
        ] + [{"requirement": "", "name": "Catatan", "problem": NOTE}]
        permit = SimpleNamespace(
            pk=application.pk,
            number="503/9999/DPMPTSP-SIKTS-PERPANJANGAN/2026/XII",
            verify_code="ABCDEFGHJKLMNPQR",
        )
        permit_messages.file_returned(application, 1)
        permit_messages.permit_ready(application, permit)
        survey_messages.survey_invite(application)
    complaint = Complaint(
        office=office,
        ticket="ADU-2026-99999",
        tracking_code="ABCDEFGHJKLM",
        name=LONG_NAME,
        subject="Keterlambatan penerbitan izin praktik yang sudah lewat dari standar waktu",
        answer=ANSWER,
    )
    caught[("complaint_received", False)] = message_context(complaint)
    caught[("complaint_answer", False)] = message_context(complaint)
    return caught


def allowed_words(text):
    return {word.strip(".,;:()") for word in text.split()}


def cut_words(body, whole):
    """The words of ``body`` that are no word of the whole text: a word cut short."""
    words = allowed_words(whole)
    cut = []
    for word in body.split():
        if word.strip(".,;:()") in words:
            continue
        head = word
        for ellipsis in ELLIPSES:
            head = head.split(ellipsis)[0]
        if head != word and (not head.strip(".,;:()") or head.strip(".,;:()") in words):
            continue  # shortened at a word boundary, with the ellipsis saying so
        cut.append(word)
    return cut


def test_it_renders_every_template_whole_worded_within_two_segments_and_linked(contexts):
    """Each default template, each channel and language, with every context: an SMS is
    at most two segments of its encoding, every word is whole (or the text ends there
    with "…"), every link is absolute on SITE_URL and resolves to the page to act on."""
    rendered = set()
    for code, channel, language, _subject, template in texts.DEFAULTS:
        for (context_code, _has_account), context in contexts.items():
            if context_code != code:
                continue
            subject, body = render_message(code, channel, context, language)
            # The same text with nothing shortened: the words the message may use.
            whole = Template(template).render(Context(context, autoescape=False)).strip()
            if channel == "sms":
                assert sms.segments(body) <= 2, (code, language, sms.units(body), body)
                assert sms.encoding(body) == sms.GSM7
                whole = gsm_safe(whole)
            else:
                assert body == whole  # an email carries the full text
            assert not cut_words(body, whole), (code, channel, language, body)
            links = [u.rstrip(".,;)") for u in URL.findall(body)]
            assert links, (code, channel, language, body)
            for link in links:
                assert link.startswith(SITE + "/"), link
                name = resolve(urlsplit(link).path).view_name
                assert name in TARGETS[code], (code, link, name)
            rendered.add((code, channel, language))
    assert rendered == {(code, channel, language) for code, channel, language, *_ in texts.DEFAULTS}


def test_it_gives_the_returned_items_and_the_resubmission_page(contexts):
    """The file-returned SMS to an applicant with an account names the items (shortened
    with "…" when they do not fit) and links the signed-in resubmission page; the email
    carries all ten items and the officer's note in full; a walk-in's SMS links the
    tracking page and sends them to the counter."""
    context = contexts[("file_returned", True)]
    body = render_message("file_returned", "sms", context, "id")[1]
    assert "Dokumen persyaratan nomor 1: tidak terbaca" in body
    assert "... Perbaiki & kirim ulang: " in body
    assert "Perbaiki & kirim ulang: " + SITE in body
    assert resolve(urlsplit(URL.findall(body)[0]).path).view_name == "permits:resubmit"
    subject, email = render_message("file_returned", "email", context, "en")  # id context
    assert subject.endswith("needs completing")
    for i in range(1, 11):
        assert f"- Dokumen persyaratan nomor {i}: {PROBLEM}" in email
    assert f"- Catatan: {NOTE}" in email
    assert "Fix it and resubmit at " + SITE in email

    walk_in = render_message("file_returned", "sms", contexts[("file_returned", False)], "id")[1]
    assert "Kirim ulang di loket." in walk_in
    assert resolve(urlsplit(URL.findall(walk_in)[0]).path).view_name == "permits:track"


def test_it_sends_a_short_enough_text_unshortened(contexts):
    """A returned file with one short item is sent whole: nothing is shortened."""
    context = contexts[("file_returned", True)] | {"to_fix": "Foto KTP: buram"}
    body = render_message("file_returned", "sms", context, "en")[1]
    assert "please complete: Foto KTP: buram. Fix & resubmit: " + SITE in body
    assert "..." not in body
