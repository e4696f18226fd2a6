"""Step 8 seals the numbered permit with a PAdES signature that validators accept."""

import shutil
import subprocess

import pytest
from django.conf import settings

from loket.core.errors import Invalid
from loket.lib.signing import verify_pdf
from loket.permits import issuance
from loket.permits.models import Permit
from loket.testing import advance


def _pdfsig(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    return subprocess.run(
        ["pdfsig", "-nocert", str(path)], capture_output=True, text=True, timeout=60
    )


def _tamper(data):
    # One byte inside the signed content (the permit's own text), not the signature.
    at = data.index(b"/MediaBox")
    return data[:at] + b"/MediaBoy" + data[at + len(b"/MediaBox") :]


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils not installed")
def test_it_signs_the_permit_so_pyhanko_and_pdfsig_accept_it_and_reject_a_tamper(
    application, officers, tmp_path
):
    """The sealed permit verifies against the demo CA (pyHanko) and with pdfsig;
    changing one byte makes both report it invalid."""
    application = advance(application, officers, 9)
    permit = application.permit
    data = issuance.signed_pdf(permit)
    assert permit.sha256 and permit.signed_at and permit.signed_by == officers["kepala_dinas"]

    result = verify_pdf(data, settings.SIGNING_TRUST_ROOTS)
    assert result.valid, result.message
    assert result.signer == "Kepala Dinas (DEMO)"

    good = _pdfsig(tmp_path, data, "good.pdf")
    assert "Signature is Valid." in good.stdout, good.stdout + good.stderr

    bad_bytes = _tamper(data)
    assert len(bad_bytes) == len(data) and bad_bytes != data
    assert not verify_pdf(bad_bytes, settings.SIGNING_TRUST_ROOTS).valid
    bad = _pdfsig(tmp_path, bad_bytes, "bad.pdf")
    assert "Signature is Valid." not in bad.stdout
    assert "Digest Mismatch" in bad.stdout, bad.stdout + bad.stderr


def test_it_refuses_to_number_without_a_signing_key(application, officers, settings, tmp_path):
    """With the key file missing, step 8 fails clearly and takes no number."""
    application = advance(application, officers, 8)
    settings.SIGNING_PKCS12 = str(tmp_path / "missing.p12")
    with pytest.raises(Invalid) as err:
        advance(application, officers, 9)
    assert "signing" in err.value.errors
    application.refresh_from_db()
    assert application.current_step == 8
    assert not Permit.objects.exists()
    assert not application.messages.filter(template_code="permit_ready").exists()
