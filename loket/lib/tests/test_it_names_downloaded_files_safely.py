"""Every document Loket serves is named by one helper (loket.lib.responses), with
Django's own Content-Disposition: a plain name reads as before, a name with quotes or
characters outside ASCII cannot break the header."""

from loket.lib.responses import download, inline_pdf, pdf_download


def test_a_plain_name_is_quoted_as_browsers_expect():
    assert download(b"x", "data-saya.json", "application/json")["Content-Disposition"] == (
        'attachment; filename="data-saya.json"'
    )
    assert inline_pdf(b"%PDF", "skm-2026.pdf")["Content-Disposition"] == (
        'inline; filename="skm-2026.pdf"'
    )
    assert pdf_download(b"%PDF", "izin-1.pdf")["Content-Type"] == "application/pdf"


def test_quotes_and_non_ascii_cannot_break_the_header():
    header = download(b"x", 'izin "Ñoño"\r\nX-Evil: 1.pdf', "application/pdf")[
        "Content-Disposition"
    ]
    assert header.startswith("attachment; filename*=utf-8''")
    assert "\r" not in header and "\n" not in header and '"Ñ' not in header
