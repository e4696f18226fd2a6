"""What a page shows in the wrong language: for the language crawl test.

A page's visible text (no tags, scripts or styles; with the `title`, `alt`,
`aria-label` and `placeholder` attributes and the labels of buttons) is split into
words; English pages must hold no common Indonesian word, Indonesian pages no common
English word, except proper names and standard names (ALLOWED). Data people typed
(names, addresses, complaint texts) stays in its language: the caller removes it first.
"""

import re

from lxml import html

# Common words of the interface that exist in one language only.
INDONESIAN = set(
    """dan yang untuk dengan tidak atau dari pada ini itu akan sudah belum oleh ke di
    adalah anda kami saya permohonan berkas pengaduan layanan pemohon petugas izin simpan
    kirim batal lihat cari unduh masuk keluar kembali tanggal nomor nama alamat jenis hari
    kerja jam bulan tahun semua baru selesai diproses sedang ditolak diterima dokumen
    persyaratan syarat biaya waktu tanda terima kasih halaman langkah tahap catatan
    keterangan ajukan daftar laporan survei jawaban pertanyaan wajib pilih tambah hapus
    ubah perbaiki setujui tolak sampai lebih""".split()
)
# ("back" and "front" name officers' roles in Indonesian too; "survey" is a loanword.)
ENGLISH = set(
    """the and of to with your you please submit cancel search download required
    application applications complaint complaints page next previous yes save send sign
    log file files date number name address day days month year all new done open closed
    step steps report reports service services permit permits view show from for this
    that is are not has have will by""".split()
)
# Names that are the same in both languages (the office, the system, standards, brands).
ALLOWED = set(
    """loket dpmptsp sikts sipb reklame pekanbaru kota riau ikm skm nik nib str nip sop
    pdf xlsx csv qr email e-mail sms online status open311 oss uswds""".split()
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ0-9]+(?:-[A-Za-zÀ-ÿ0-9]+)*")
# Codes, not words: permits.application, complete_step, to=berat, /path/, and an app's
# prefix of action names ("permits.").
_APPS = "permits|complaints|surveys|accounts|audit|notify|reports|standards|core"
# Identifiers, paths and the audit trail's `key=value` data (a key whose value is empty
# too: "from=," is data, not the English word).
_IDENTIFIER = re.compile(rf"\S*[A-Za-z0-9][._=/][A-Za-z0-9]\S*|\b(?:{_APPS})\.|\b\w+=")
_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")


def _in_page_language(tree):
    """`tree` without the elements that declare another language than the page's."""
    page_language = (tree.get("lang") or "").split("-")[0]
    for part in tree.xpath("//body//*[@lang]"):
        if part.get("lang").split("-")[0] != page_language:
            part.drop_tree()
    return tree


def visible_text(page_html):
    """The page's text as a person (or a screen reader) meets it, without the parts the
    page itself declares to be in another language (lang="..." on an element inside
    the page, as WCAG 3.1.2 asks: the regulation's own Indonesian words on an English
    page, the language switch's own name)."""
    tree = _in_page_language(html.fromstring(page_html))
    for gone in tree.xpath("//script|//style|//template|//*[@hidden]|//input[@type='hidden']"):
        gone.drop_tree()
    parts = [tree.text_content()]
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        parts.extend(element.get(a) for a in _ATTRIBUTES if element.get(a))
        if element.tag == "input" and element.get("type") in ("submit", "button", "reset"):
            parts.append(element.get("value") or "")
    return " ".join(" ".join(parts).split())


def foreign_words(text, language):
    """The words of the other language in `text` (shown in `language`), sorted."""
    other = ENGLISH if language == "id" else INDONESIAN
    words = {w.lower() for w in _WORD.findall(_IDENTIFIER.sub(" ", text))}
    return sorted((words & other) - ALLOWED)


def untranslated(page_html):
    """Text nodes of an English page that are Indonesian msgids with an English
    translation, rendered without it (call with English active)."""
    from django.utils.translation import gettext

    tree = _in_page_language(html.fromstring(page_html))
    for gone in tree.xpath("//script|//style|//template"):
        gone.drop_tree()
    found = set()
    for element in tree.iter():
        for text in (element.text, element.tail):
            text = " ".join((text or "").split())
            if text and text.lower() not in ALLOWED and gettext(text) != text:
                found.add(text)
    return sorted(found)


# What people typed or the office configured, in whatever language they wrote it.
_TYPED = {
    "accounts.Applicant": None,
    "permits.Application": ("answers", "to_fix"),
    "complaints.Complaint": None,
    "complaints.CoordinationTask": None,
    "surveys.SurveyResponse": None,
    "core.Office": None,
    "auth.User": ("first_name",),
    # A standard's name is the permit's legal name (Surat Izin Kerja ...).
    "standards.Service": ("name",),
    # A survey follow-up's problem: the office's own text, which officers edit, drafted
    # in the office's language whatever the page's (surveys.actions.open_follow_ups).
    "surveys.FollowUpItem": ("problem",),
    # The signing certificates' names (the demo CA says "not for real use").
    "permits.SigningCertificate": None,
}


# Of what a returned file must fix, only the officer's words (`problem`) are typed:
# an item's name is the requirement's, which the page shows in its own language.
_NOT_TYPED_KEYS = {"to_fix": ("requirement", "name")}


def _strings(value, skip=()):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in skip:
                yield from _strings(item, skip)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item, skip)


def demo_data_texts(language):
    """Every text value of the models people type into, longest first (so a long text
    goes before the shorter one inside it). In Indonesian also the standards' own
    Indonesian text: the regulation's wording, loanwords and all."""
    from django.apps import apps
    from django.db import models

    texts = set()
    for label, names in _TYPED.items():
        model = apps.get_model(label)
        fields = [
            f.name
            for f in model._meta.concrete_fields
            # Choices are codes (statuses, channels), shown through their labels.
            if (
                names is None
                and isinstance(f, models.CharField | models.TextField)
                and not f.choices
            )
            or (names and f.name in names)
        ]
        for obj in model.objects.all():
            for name in fields:
                typed = _strings(getattr(obj, name, ""), _NOT_TYPED_KEYS.get(name, ()))
                texts.update(" ".join(t.split()) for t in typed)
    if language == "id":
        for version in apps.get_model("standards.StandardVersion").objects.all():
            texts.update(" ".join(t.split()) for t in _strings(version.data, skip=("en",)))
    return sorted((t for t in texts if len(t) > 2), key=len, reverse=True)


def in_context(text, words, width=40):
    """Where each word stands in `text`: for a failure message that says what to fix."""
    found = {}
    for word in words:
        match = re.search(rf"(?i).{{0,{width}}}\b{re.escape(word)}\b.{{0,{width}}}", text)
        found[word] = match.group(0) if match else ""
    return found
