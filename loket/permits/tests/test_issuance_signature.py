"""The issued permit carries the Kepala Dinas's own signature, valid for validators and
for years: pdfsig and pyHanko accept it, the number was filled in after it as an allowed
form-filling change, a document timestamp covers the whole file, and every font is
embedded. Any other change is reported."""

import datetime as dt
import io
import shutil
import subprocess

import pytest
import time_machine
from django.conf import settings
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from loket.core.errors import Invalid
from loket.lib.signing import verify_pdf
from loket.notify.models import Outbox
from loket.permits import issuance
from loket.permits.messages import about_file
from loket.permits.models import Permit
from loket.testing import advance

needs_poppler = pytest.mark.skipif(
    shutil.which("pdfsig") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils not installed",
)


def _run(tmp_path, tool, data, name, *args):
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run([tool, *args, str(path)], capture_output=True, text=True, timeout=60)


def _issued(application, officers):
    application = advance(application, officers, 9)
    return application, issuance.signed_pdf(application.permit)


@needs_poppler
def test_it_issues_a_permit_pdfsig_and_pyhanko_accept_with_everything_embedded(
    application, officers, tmp_path
):
    """pdfsig: the Kepala Dinas's signature is valid and the last (the document
    timestamp) covers the whole document. pyHanko: the signature is intact, certified,
    timestamped, with only form filling after it. pdffonts: every font embedded."""
    application, data = _issued(application, officers)
    permit = application.permit
    assert permit.signed_by == officers["kepala_dinas"]

    result = verify_pdf(data, settings.SIGNING_TRUST_ROOTS)
    assert result.valid, result.message
    kadis, stamp = result.signatures
    assert kadis.kind == "signature" and kadis.signer == "kepala_dinas"
    assert kadis.intact and kadis.trusted and kadis.certified
    assert kadis.changes_after == "form_filling"
    assert kadis.timestamped_at is not None
    assert stamp.kind == "timestamp" and stamp.intact

    pdfsig = _run(tmp_path, "pdfsig", data, "izin.pdf", "-nocert").stdout
    first, last = pdfsig.split("Signature #2:")
    assert "Signer Certificate Common Name: kepala_dinas" in first
    assert "Signature is Valid." in first, pdfsig
    assert "Total document signed" in last, pdfsig

    fonts = _run(tmp_path, "pdffonts", data, "izin.pdf").stdout.splitlines()[2:]
    assert fonts, "the permit has text"
    assert all(line.split()[-5] == "yes" for line in fonts), fonts  # the "emb" column


@needs_poppler
def test_it_shows_the_number_and_the_date_filled_in_after_the_signature(
    application, officers, tmp_path
):
    """The number and date the Back Office added at step 8 are on the page."""
    application, data = _issued(application, officers)
    path = tmp_path / "izin.pdf"
    path.write_bytes(data)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert application.permit.number in text
    assert "ditandatangani secara elektronik" in text.lower()
    assert f"/v/{application.permit.verify_code}" in text.replace(" ", "")


def test_it_still_validates_when_the_certificates_have_expired(application, officers):
    """Three years on, the Kepala Dinas's two-year certificate has expired: the permit
    still validates, at the time its timestamp proves, with the revocation data it
    carries (no network)."""
    application, data = _issued(application, officers)
    certificate = application.signature_acts.get().certificate
    later = certificate.not_after + dt.timedelta(days=365)
    with time_machine.travel(later, tick=False):
        result = verify_pdf(data, settings.SIGNING_TRUST_ROOTS)
    assert result.valid, result.message
    assert result.signatures[0].timestamped_at < certificate.not_after


def test_it_reports_a_change_that_is_not_form_filling(application, officers):
    """Rotating the page after the signature (not form filling) makes the permit
    invalid, and the message says why."""
    application, data = _issued(application, officers)
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[generic.pdf_name("/Rotate")] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    result = verify_pdf(out.getvalue(), settings.SIGNING_TRUST_ROOTS)
    assert not result.valid
    assert "beyond form filling" in result.message or "changed after" in result.message


@needs_poppler
def test_it_reports_one_changed_byte(application, officers, tmp_path):
    """One byte changed inside the signed content: pyHanko and pdfsig both say invalid."""
    application, data = _issued(application, officers)
    at = data.index(b"/MediaBox")
    bad = data[:at] + b"/MediaBoy" + data[at + len(b"/MediaBox") :]
    assert not verify_pdf(bad, settings.SIGNING_TRUST_ROOTS).valid
    out = _run(tmp_path, "pdfsig", bad, "bad.pdf", "-nocert").stdout
    assert "Digest Mismatch" in out, out


def test_it_refuses_to_number_without_a_timestamp_authority(application, officers, settings):
    """With no timestamp authority reachable, step 8 fails clearly and takes no number."""
    application = advance(application, officers, 8)
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"  # nothing listens there
    with pytest.raises(Invalid) as err:
        advance(application, officers, 9)
    assert "signing" in err.value.errors
    application.refresh_from_db()
    assert application.current_step == 8
    assert not Permit.objects.exists()
    assert not Outbox.objects.filter(
        about=about_file(application.pk), template_code="permit_ready"
    ).exists()


def test_it_signs_nothing_at_step_7_without_a_timestamp_authority(application, officers, settings):
    """A signature must carry its timestamp: with the TSA down, step 7 says so clearly
    and the file stays at step 7 with nothing signed."""
    from loket.permits.models import SignatureAct
    from loket.testing import ensure_signing_certificate, sign_as

    ensure_signing_certificate(officers["kepala_dinas"])
    application = advance(application, officers, 7)
    settings.SIGNING_TSA_URL = "http://127.0.0.1:9/tsa"
    with pytest.raises(Invalid) as err:
        sign_as(application, officers["kepala_dinas"])
    assert "signing" in err.value.errors
    application.refresh_from_db()
    assert application.current_step == 7
    assert not SignatureAct.objects.exists()
