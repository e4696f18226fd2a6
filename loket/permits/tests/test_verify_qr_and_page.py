"""The QR code on the permit leads to a public page that shows and checks the permit."""

import shutil
import subprocess

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from PIL import Image

from loket.permits import issuance
from loket.testing import advance


@pytest.fixture
def issued(application, officers):
    return advance(application, officers, 9)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_it_prints_a_qr_code_that_decodes_to_the_verification_url(issued, tmp_path):
    """pdftoppm renders page 1; zxing-cpp decodes the QR to SITE_URL/v/<code>."""
    permit = issued.permit
    (tmp_path / "izin.pdf").write_bytes(issuance.signed_pdf(permit))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", "izin.pdf", "page"],
        cwd=tmp_path,
        check=True,
        timeout=60,
    )
    image = Image.open(next(tmp_path.glob("page*.png")))
    texts = [r.text for r in zxingcpp.read_barcodes(image)]
    url = f"{settings.SITE_URL}/v/{permit.verify_code}"
    assert url in texts

    page = Client().get(url.removeprefix(settings.SITE_URL))
    assert page.status_code == 200
    body = page.content.decode()
    assert permit.number in body
    assert issued.applicant.full_name in body
    assert issued.applicant.nik not in body  # masked
    assert issued.applicant.nik[-4:] in body
    assert "BERLAKU" in body


def test_it_says_an_uploaded_copy_is_genuine_only_if_it_is_the_issued_file(issued):
    """The exact issued PDF is genuine; a changed copy or another PDF is not."""
    permit = issued.permit
    data = issuance.signed_pdf(permit)
    client = Client()
    url = f"/v/{permit.verify_code}"
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = client.post(url, {"pdf": SimpleUploadedFile("izin.pdf", data, "application/pdf")})
    assert "ASLI" in good.content.decode() and "TIDAK ASLI" not in good.content.decode()
    changed = data + b"\n% appended\n"
    bad = client.post(url, {"pdf": SimpleUploadedFile("izin.pdf", changed, "application/pdf")})
    assert "TIDAK ASLI" in bad.content.decode()

    api = client.post(
        f"/api/v1/issuance/verify/{permit.verify_code}/check",
        {"pdf": SimpleUploadedFile("izin.pdf", data, "application/pdf")},
    )
    assert api.status_code == 200 and api.json()["genuine"] is True


def test_it_shows_a_revoked_permit_as_revoked_with_date_and_reason(issued, officers):
    """Only the Kepala Dinas revokes; the page and the API then say revoked, with the reason."""
    from loket.core.errors import NotAllowed

    permit = issued.permit
    with pytest.raises(NotAllowed):
        issuance.revoke_permit(permit, officers["back_office"], "salah")
    issuance.revoke_permit(permit, officers["kepala_dinas"], "STR dicabut oleh konsil")
    body = Client().get(f"/v/{permit.verify_code}").content.decode()
    assert "DICABUT" in body and "STR dicabut oleh konsil" in body
    api = Client().get(f"/api/v1/issuance/verify/{permit.verify_code}").json()
    assert api["status"] == "revoked" and api["revoke_reason"] == "STR dicabut oleh konsil"
    assert issued.card_entries.filter(event="revoked").count() == 1


def test_it_answers_404_for_an_unknown_code(db):
    """A guessed verification code finds nothing."""
    assert Client().get("/v/tidak-ada").status_code == 404
