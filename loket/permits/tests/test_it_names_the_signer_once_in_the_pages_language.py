"""Checking the issued PDF on /v/<code> says, in the page's language, that the
signature is valid and who signed it: the signer's name once, with the capacity he
signed in, never the signing library's English ("Valid signature, signed by: ...")."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from loket.permits import issuance
from loket.testing import advance


@pytest.fixture
def issued(application, officers):
    return advance(application, officers, 9)


def _check(issued, data, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.post(
        f"/v/{issued.permit.verify_code}",
        {"pdf": SimpleUploadedFile("izin.pdf", data, "application/pdf")},
    )
    assert page.status_code == 200
    body = page.content.decode()
    return body.split('id="signature">', 1)[1].split("</p>", 1)[0]


@pytest.mark.parametrize(
    ("language", "valid", "signed_by", "role"),
    [
        ("id", "Tanda tangan elektronik sah.", "Ditandatangani oleh", "(Kepala Dinas)"),
        ("en", "The electronic signature is valid.", "Signed by", "(Head of Office)"),
    ],
)
def test_the_issued_file_names_its_signer_once(issued, language, valid, signed_by, role):
    issuance_pdf = issuance.signed_pdf(issued.permit)
    line = _check(issued, issuance_pdf, language)
    signer = issued.permit.signed_by.get_full_name()
    assert line.startswith(f"{valid} {signed_by}: ")
    assert line.count(signer) == 1 and role in line
    assert "Valid signature" not in line and "signed by:" not in line


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("id", "Tanda tangan elektronik tidak sah: berkas diubah setelah ditandatangani.", "file"),
        ("en", "The electronic signature is not valid: the file was changed after", "berkas"),
    ],
)
def test_a_changed_copy_is_explained_in_the_pages_language(issued, language, expected, absent):
    """A copy with bytes appended: the reason in the page's language, no signer shown."""
    changed = issuance.signed_pdf(issued.permit) + b"\n% appended\n"
    line = _check(issued, changed, language)
    assert expected in line and "Not valid" not in line and absent not in line
