import datetime as dt
import hashlib
import io
import re
import subprocess
import zoneinfo

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from loket.lib.pdf import html_to_pdf
from loket.lib.signing import (
    DEFAULT_SIGNATURE_BOX,
    make_demo_pki,
    pdf_sha256,
    sign_pdf,
    verify_pdf,
)

SIGNER = "Dr. Hj. Rina Marlina, S.T., M.Si."
PASSPHRASE = "kata sandi demo"
JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_demo_pki(tmp_path_factory.mktemp("pki"), SIGNER, PASSPHRASE)


@pytest.fixture(scope="module")
def other_pki(tmp_path_factory):
    return make_demo_pki(tmp_path_factory.mktemp("other-pki"), "Orang Lain", "lain")


@pytest.fixture
def unsigned_pdf():
    return html_to_pdf("<h1>Surat Izin Kerja</h1><p>Nomor 503/0001/SIK/DPMPTSP/2025</p>")


@pytest.fixture
def signed_pdf(pki, unsigned_pdf):
    return sign_pdf(
        unsigned_pdf,
        pki.signer_p12_path,
        PASSPHRASE,
        reason="Penerbitan izin",
        location="Pekanbaru",
    )


def pdfsig(pdf: bytes, tmp_path) -> str:
    """Run poppler's pdfsig with -nocert and return its report.

    What pdfsig -nocert checks: for each signature, that the digest of the
    /ByteRange bytes matches the one in the CMS object and that the CMS
    signature over it verifies with the embedded signer certificate ("Signature
    Validation: Signature is Valid." vs "Digest Mismatch." etc.), and whether
    the byte range covers the whole file ("Total document signed").
    What it does not check (because of -nocert): the certificate chain, validity
    period and revocation. Without -nocert it would look the issuer up in an NSS
    database, where the demo CA is not ("Certificate issuer isn't Trusted"), and
    might try OCSP over the network. Trust is verify_pdf's job, tested below.
    """
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    # pdfsig exits 0 when it reported on signatures (valid or not), 2 when the
    # file has none, 1 when it cannot open the file.
    result = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True)
    return result.stdout


def page_content_offset(pdf: bytes) -> int:
    """Offset of a byte inside page 1's content stream (compressed drawing operators)."""
    reader = PdfFileReader(io.BytesIO(pdf))
    contents = reader.root["/Pages"]["/Kids"][0].raw_get("/Contents")
    obj_start = pdf.index(b"\n%d %d obj" % (contents.idnum, contents.generation))
    data_start = pdf.index(b"stream", obj_start) + len(b"stream\n")
    return data_start + 10


def test_it_makes_a_demo_pki_with_a_signing_certificate(pki):
    """make_demo_pki writes a CA PEM and a 0600, passphrase-encrypted PKCS#12 with a
    5-year signing certificate (digitalSignature + nonRepudiation) for the signer."""
    assert pki.signer_p12_path.stat().st_mode & 0o777 == 0o600
    ca = x509.load_pem_x509_certificate(pki.ca_cert_path.read_bytes())
    key, cert, extra = pkcs12.load_key_and_certificates(
        pki.signer_p12_path.read_bytes(), PASSPHRASE.encode()
    )
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(pki.signer_p12_path.read_bytes(), b"salah")

    assert key is not None
    assert ca.subject.rfc4514_string().startswith("CN=Loket DEMO CA — not for real use")
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.issuer == ca.subject
    assert extra == [ca]
    assert cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value == SIGNER
    key_usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert key_usage.digital_signature and key_usage.content_commitment
    assert not key_usage.key_cert_sign
    eku = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in eku
    lifetime = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert dt.timedelta(days=5 * 365) <= lifetime <= dt.timedelta(days=5 * 366)


def test_it_keeps_an_existing_demo_pki(pki):
    """A second make_demo_pki on the same directory returns the same files, unchanged."""
    before = (pki.ca_cert_path.read_bytes(), pki.signer_p12_path.read_bytes())

    again = make_demo_pki(pki.ca_cert_path.parent, "Someone Else", "other passphrase")

    assert again == pki
    assert (again.ca_cert_path.read_bytes(), again.signer_p12_path.read_bytes()) == before


def test_it_signs_a_pdf_that_verifies_as_valid_and_trusted(pki, unsigned_pdf, signed_pdf):
    """A freshly signed PDF is valid, intact, trusted, covers the whole file and names
    the signer; the signature is an incremental update after the original bytes."""
    result = verify_pdf(signed_pdf, [pki.ca_cert_path])

    assert result.valid, result.message
    assert result.intact and result.trusted and result.covers_whole_file
    assert result.signer == SIGNER
    assert abs(dt.datetime.now(dt.UTC) - result.signed_at) < dt.timedelta(minutes=5)
    assert signed_pdf.startswith(unsigned_pdf)


def test_it_signs_a_pdf_that_pdfsig_reports_as_valid(signed_pdf, tmp_path):
    """Poppler's pdfsig, an independent implementation, finds the PAdES signature
    intact and covering the whole document."""
    report = pdfsig(signed_pdf, tmp_path)

    assert "Signature Field Name: TTE-Kepala-Dinas" in report
    assert f"Signer Certificate Common Name: {SIGNER}" in report
    assert "Signature Type: ETSI.CAdES.detached" in report
    assert "Signing Hash Algorithm: SHA-256" in report
    assert "Total document signed" in report
    assert "Signature Validation: Signature is Valid." in report


def test_it_shows_the_signer_and_time_in_a_visible_stamp_on_page_1(pki, signed_pdf, tmp_path):
    """The default signature is a widget on page 1 at DEFAULT_SIGNATURE_BOX whose
    appearance shows the signer's name and the signing time in WIB (Asia/Jakarta)."""
    reader = PdfFileReader(io.BytesIO(signed_pdf))
    (widget,) = reader.root["/Pages"]["/Kids"][0]["/Annots"]
    widget = widget.get_object()
    (tmp_path / "signed.pdf").write_bytes(signed_pdf)
    # pdftotext includes the text of annotation appearances.
    text = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(tmp_path / "signed.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    signed_at = verify_pdf(signed_pdf, [pki.ca_cert_path]).signed_at

    assert widget["/T"] == "TTE-Kepala-Dinas"
    assert [round(float(n)) for n in widget["/Rect"]] == list(DEFAULT_SIGNATURE_BOX)
    assert "Ditandatangani secara elektronik oleh" in text
    assert SIGNER in text
    shown = re.search(r"(\d\d-\d\d-\d{4} \d\d:\d\d:\d\d) WIB", text)
    assert shown, text
    shown_at = dt.datetime.strptime(shown[1], "%d-%m-%Y %H:%M:%S").replace(tzinfo=JAKARTA)
    assert abs(shown_at - signed_at) <= dt.timedelta(seconds=1)


def test_it_can_sign_invisibly(pki, unsigned_pdf):
    """visible_box=None gives a valid signature whose widget has no area."""
    signed = sign_pdf(
        unsigned_pdf,
        pki.signer_p12_path,
        PASSPHRASE,
        reason="Penerbitan izin",
        location="Pekanbaru",
        name="Kepala Dinas",
        visible_box=None,
    )

    reader = PdfFileReader(io.BytesIO(signed))
    (widget,) = reader.root["/Pages"]["/Kids"][0]["/Annots"]
    x1, y1, x2, y2 = (float(n) for n in widget.get_object()["/Rect"])
    assert (x2 - x1) * (y2 - y1) == 0
    assert verify_pdf(signed, [pki.ca_cert_path]).valid


def test_it_refuses_a_wrong_passphrase(pki, unsigned_pdf):
    """sign_pdf raises ValueError when the PKCS#12 cannot be opened."""
    with pytest.raises(ValueError, match="signing key"):
        sign_pdf(unsigned_pdf, pki.signer_p12_path, "salah", reason="x", location="y")


def test_it_detects_a_changed_byte_in_the_signed_content(pki, signed_pdf, tmp_path):
    """Flipping one bit of page 1's content stream makes the signature not intact, for
    verify_pdf and for pdfsig alike."""
    offset = page_content_offset(signed_pdf)
    reader = PdfFileReader(io.BytesIO(signed_pdf))
    byte_range = reader.embedded_signatures[0].sig_object["/ByteRange"]
    assert offset < byte_range[1]  # inside the first signed range, not the signature
    tampered = bytearray(signed_pdf)
    tampered[offset] ^= 0x01
    tampered = bytes(tampered)

    result = verify_pdf(tampered, [pki.ca_cert_path])
    report = pdfsig(tampered, tmp_path)

    assert not result.valid
    assert not result.intact
    assert "altered" in result.message
    assert "Signature Validation:" in report
    assert "Signature is Valid." not in report


def test_it_does_not_trust_a_signature_from_another_ca(other_pki, signed_pdf):
    """Checked against a different root, the signature is intact but not trusted."""
    result = verify_pdf(signed_pdf, [other_pki.ca_cert_path])

    assert result.intact
    assert not result.trusted
    assert not result.valid
    assert result.signer == SIGNER
    assert "not trusted" in result.message


def test_it_rejects_changes_appended_after_signing(pki, signed_pdf):
    """An incremental update added after the signature leaves it intact but the
    document is not valid: the signature no longer covers the whole file."""
    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf))
    writer.root["/Lang"] = generic.pdf_string("en")
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)

    result = verify_pdf(out.getvalue(), [pki.ca_cert_path])

    assert result.intact and result.trusted
    assert not result.covers_whole_file
    assert not result.valid
    assert "changed after it was signed" in result.message


def test_it_reports_an_unsigned_pdf_as_not_valid(pki, unsigned_pdf):
    """A PDF without any signature is not valid, with a message saying so."""
    result = verify_pdf(unsigned_pdf, [pki.ca_cert_path])

    assert not result.valid
    assert result.signer is None
    assert "no signature" in result.message


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a pdf at all", b"%PDF-1.7\n\x00\xff\x00garbage", "truncated"],
)
def test_it_reports_unreadable_bytes_as_not_valid_without_raising(pki, signed_pdf, garbage):
    """Empty, non-PDF, broken and truncated input gives valid=False and a message."""
    if garbage == "truncated":
        garbage = signed_pdf[: len(signed_pdf) // 2]

    result = verify_pdf(garbage, [pki.ca_cert_path])

    assert not result.valid
    assert result.message


def test_it_hashes_the_exact_bytes():
    """pdf_sha256 is the hex SHA-256 of the bytes."""
    assert pdf_sha256(b"%PDF-1.7") == hashlib.sha256(b"%PDF-1.7").hexdigest()
