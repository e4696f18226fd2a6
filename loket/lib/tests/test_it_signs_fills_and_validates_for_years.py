"""The signing library: a timestamped certification signature that allows form
filling; fields filled afterwards; validation data and a document timestamp; each
signature validated at its timestamp's time, offline, with the data the file carries."""

import datetime as dt
import io
import subprocess

import pytest
import time_machine
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from loket.lib import demo_ca
from loket.lib.pdf import html_to_pdf
from loket.lib.signing import (
    Appearance,
    TextField,
    WrongSecret,
    add_text_fields,
    add_validation_data,
    fill_text_fields,
    load_certificates,
    load_crls,
    sign_with_pkcs12,
    timestamp_document,
    validation_context,
    verify_pdf,
)

PASSPHRASE = "kata sandi pribadi"


@pytest.fixture(scope="module")
def ca(tmp_path_factory):
    return demo_ca.make_demo_ca(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="module")
def p12(ca):
    key, csr = demo_ca.make_key_and_csr("Dr. Hj. Rina Marlina", "DPMPTSP Uji")
    cert = demo_ca.issue_from_csr(ca, csr, days=365)
    return demo_ca.pkcs12_bytes(key, cert, ca.certificate(), PASSPHRASE, "rina")


@pytest.fixture(scope="module")
def prepared():
    pdf = html_to_pdf("<h1>Surat Izin</h1><p>Nomor: ............</p>")
    return add_text_fields(pdf, [TextField("nomor", (200, 700, 400, 715))])


@pytest.fixture(scope="module")
def issued(ca, p12, prepared):
    signed = sign_with_pkcs12(
        prepared,
        p12,
        PASSPHRASE,
        Appearance(reason="uji", location="Pekanbaru", stamp_lines=("Ditandatangani", "Rina")),
        timestamper=demo_ca.demo_timestamper(ca),
        certify=True,
    )
    filled = fill_text_fields(signed, {"nomor": "503/0001/UJI/2026"})
    context = validation_context(load_certificates([ca.cert_path]), load_crls([ca.crl_path]))
    return timestamp_document(add_validation_data(filled, context), demo_ca.demo_timestamper(ca))


def test_a_wrong_passphrase_raises_wrong_secret(p12, prepared):
    with pytest.raises(WrongSecret):
        sign_with_pkcs12(prepared, p12, "salah", Appearance(reason="r", location="l"))


def test_the_issued_file_is_valid_with_only_form_filling_after_the_signature(ca, issued):
    result = verify_pdf(issued, [ca.cert_path])
    assert result.valid, result.message
    signature, stamp = result.signatures
    assert signature.certified and signature.changes_after == "form_filling"
    assert signature.timestamped_at is not None
    assert stamp.kind == "timestamp"
    assert result.signer == "Dr. Hj. Rina Marlina"


def test_it_is_still_valid_after_the_signer_certificate_expired(ca, issued):
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=3 * 365)
    with time_machine.travel(later, tick=False):
        result = verify_pdf(issued, [ca.cert_path])
    assert result.valid, result.message


def test_an_unknown_root_is_not_trusted(issued, tmp_path):
    other = demo_ca.make_demo_ca(tmp_path / "other")
    result = verify_pdf(issued, [other.cert_path])
    assert not result.valid and not result.trusted
    assert "not trusted" in result.message


def test_appended_bytes_after_the_timestamp_are_reported(ca, issued):
    writer = IncrementalPdfFileWriter(io.BytesIO(issued))
    info = writer.root["/Pages"]["/Kids"][0].get_object()
    info[generic.pdf_name("/Rotate")] = generic.NumberObject(90)
    writer.update_container(info)
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), [ca.cert_path])
    assert not result.valid
    assert not result.covers_whole_file


def test_garbage_is_a_result_not_an_exception(ca):
    assert not verify_pdf(b"%PDF-1.7 not really", [ca.cert_path]).valid
    assert (
        verify_pdf(html_to_pdf("<p>x</p>"), [ca.cert_path]).message == "The PDF has no signature."
    )


def test_every_font_is_embedded(issued, tmp_path):
    path = tmp_path / "izin.pdf"
    path.write_bytes(issued)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = lines.splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), lines


def test_a_revoked_certificate_is_listed_on_the_demo_crl(ca):
    key, csr = demo_ca.make_key_and_csr("Dicabut", "Uji")
    cert = demo_ca.issue_from_csr(ca, csr)
    demo_ca.revoke(ca, cert.serial_number, "kunci hilang")
    from cryptography import x509

    crl = x509.load_der_x509_crl(ca.crl_path.read_bytes())
    assert crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
