"""PDFs are judged by parsing them: active content anywhere is refused, in plain words.

Every file comes from the hostile corpus (loket/lib/tests/hostile/files.py), saved with
compressed object streams, so the dangerous names are not in the raw bytes.
"""

import pytest
from django.utils import translation

from loket.lib.tests.hostile import files
from loket.lib.uploads import UploadRejected, judge_upload

ACTIVE = files.active_pdfs()
POLYGLOTS = files.polyglot_pdfs()
UNREADABLE = files.unreadable_pdfs()


def rejection(data, language="id"):
    with translation.override(language), pytest.raises(UploadRejected) as caught:
        judge_upload(data, name="surat.pdf")
    return caught.value.args[0]


def test_it_accepts_the_corpus_s_good_pdf():
    """The same one-page file without the hostile part is accepted: the refusals below
    are for what was added, not for how the file was written."""
    assert judge_upload(files.good_pdf()) == "pdf"


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_it_refuses_active_content_found_only_by_parsing(name):
    """Actions (GoToR to a network share, SubmitForm, URI and GoTo open-actions,
    ImportData, Launch), JavaScript in name trees, page triggers and XFA inside
    compressed streams, embedded files and rich media are refused, in both languages."""
    data = ACTIVE[name]
    for hidden in (b"/GoToR", b"/SubmitForm", b"/OpenAction", b"/XFA", b"/RichMedia"):
        assert hidden not in data  # packed in a compressed object stream
    message = rejection(data)
    assert message.startswith("Berkas “surat.pdf” ditolak. PDF berisi JavaScript, tautan")
    assert "Cetak ulang dokumen ke PDF (Print to PDF)" in message
    english = rejection(data, "en")
    assert "contains JavaScript, links or actions that run by themselves" in english
    assert "Print to PDF" in english


@pytest.mark.parametrize("name", sorted(POLYGLOTS))
def test_it_refuses_html_script_php_or_zip_anywhere_in_the_file(name):
    """A web page, script, PHP or ZIP archive past the first kilobyte is still found."""
    data = POLYGLOTS[name]
    assert len(data) > 1024
    message = rejection(data)
    assert "PDF berisi kode halaman web, skrip atau arsip ZIP yang disisipkan." in message
    assert "web page code, a script or a ZIP archive" in rejection(data, "en")


@pytest.mark.parametrize("name", sorted(UNREADABLE))
def test_it_says_not_a_readable_pdf_in_plain_words(name):
    """A broken file gets a sentence a citizen understands, never the parser's words."""
    message = rejection(UNREADABLE[name])
    assert "PDF tidak dapat dibaca: berkasnya tidak utuh atau rusak" in message
    assert "generation" not in message.lower()
    english = rejection(UNREADABLE[name], "en")
    assert "The PDF cannot be read: the file is incomplete or damaged" in english


def test_it_does_not_refuse_a_destination_that_only_opens_a_page():
    """/OpenAction as a destination array (open at page 1, fit) is what Word writes; it
    runs nothing and is accepted."""
    import io

    import pikepdf

    pdf = pikepdf.open(io.BytesIO(files.good_pdf()))
    pdf.Root.OpenAction = pikepdf.Array([pdf.pages[0].obj, pikepdf.Name.Fit])
    out = io.BytesIO()
    pdf.save(out)
    assert judge_upload(out.getvalue()) == "pdf"
