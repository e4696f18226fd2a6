"""The bsre backend signs through the BSrE Esign Client API v2 (a fake of it, with the
same paths, fields and error answers): NIK + passphrase or NIK + one-time code, a
visible stamp, the signed file checked to be ours and made with the registered
certificate; a wrong secret signs nothing."""

import pytest
from django.conf import settings

from loket.audit.models import AuditEvent
from loket.core.errors import Invalid
from loket.lib.signing import verify_pdf
from loket.lib.signing_backends import PASSPHRASE, TOTP, Secret
from loket.permits import issuance, issuance_certificates, issuance_signing
from loket.permits.models import Approval, SignatureAct, SigningCertificate
from loket.permits.tests.fake_bsre import PASSWORD, USERNAME, FakeBsre
from loket.testing import advance, sign_as

NIK = "3201010101900001"
SECRET = "rahasia-bsre-2026"


@pytest.fixture
def bsre(settings, demo_pki):
    fake = FakeBsre(demo_pki).start()
    fake.register(NIK, "Kadis Lewat BSrE", SECRET)
    settings.SIGNATURE_BACKEND = "bsre"
    settings.BSRE_BASE_URL = fake.url
    settings.BSRE_USERNAME = USERNAME
    settings.BSRE_PASSWORD = PASSWORD
    settings.BSRE_TIMEOUT = 30
    yield fake
    fake.stop()


def _enrol(officers):
    return issuance_certificates.enrol_bsre(officers["kepala_dinas"], NIK)


def test_it_registers_the_nik_and_records_the_certificate_bsre_holds(bsre, officers):
    """Enrolment asks the service for the NIK's status (ISSUE) and certificate chain."""
    record = _enrol(officers)
    assert record.backend == SigningCertificate.BSRE
    assert record.subject == "Kadis Lewat BSrE"
    assert record.identity == NIK
    paths = [path for path, _fields in bsre.requests]
    assert "/api/v2/user/check/status" in paths


def test_it_refuses_a_nik_bsre_does_not_know(bsre, officers):
    with pytest.raises(Invalid) as err:
        issuance_certificates.enrol_bsre(officers["kepala_dinas"], "3201010101900099")
    assert "nik" in err.value.errors
    assert not SigningCertificate.objects.exists()


def test_it_issues_a_permit_signed_by_bsre_with_nik_and_passphrase(bsre, application, officers):
    """The permit validates, made with the registered certificate; the request carried
    the NIK and a visible stamp; the passphrase is in no audit event."""
    _enrol(officers)
    application = advance(application, officers, 7)
    application = sign_as(application, officers["kepala_dinas"], passphrase=SECRET)
    application = advance(application, officers, 9)
    data = issuance.signed_pdf(application.permit)
    result = verify_pdf(data, settings.SIGNING_TRUST_ROOTS)
    assert result.valid, result.message
    assert result.signer == "Kadis Lewat BSrE"
    path, fields = [r for r in bsre.requests if r[0] == "/api/v2/sign/pdf"][0]
    assert fields["nik"] == NIK
    assert '"tampilan": "VISIBLE"' in fields["signatureProperties[]"]
    events = AuditEvent.objects.values_list("summary", flat=True)
    assert events and all(SECRET not in str(summary) for summary in events)


def test_it_signs_nothing_with_a_wrong_passphrase(bsre, application, officers):
    """BSrE answers 2031 "Passphrase anda salah": Invalid, and nothing is recorded."""
    _enrol(officers)
    application = advance(application, officers, 7)
    with pytest.raises(Invalid) as err:
        sign_as(application, officers["kepala_dinas"], passphrase="salah-sekali")
    assert "secret" in err.value.errors
    application.refresh_from_db()
    assert application.current_step == 7
    assert not Approval.objects.filter(kind=Approval.SIGNATURE).exists()
    assert not SignatureAct.objects.exists()


def test_it_signs_with_a_one_time_code_once(bsre, application, officers):
    """NIK + TOTP: the code requested from the service signs; it is not accepted twice."""
    from loket.lib.signing import pdf_sha256
    from loket.permits import actions

    _enrol(officers)
    application = advance(application, officers, 7)
    kadis = officers["kepala_dinas"]
    issuance_signing.backend("bsre").request_totp(NIK)
    pdf, _boxes, _code = issuance_signing.document_to_sign(application, kadis)
    application = actions.complete_step(
        application,
        kadis,
        7,
        document_sha256=pdf_sha256(pdf),
        secret=Secret(TOTP, "246810"),
        confirmed=True,
    )
    assert application.current_step == 8
    assert SignatureAct.objects.count() == 1
    # The same code again (e.g. a replay) is refused by the service.
    with pytest.raises(Exception) as err:
        issuance_signing.backend("bsre").sign(
            pdf,
            issuance_signing.Credential(identity=NIK),
            Secret(TOTP, "246810"),
            issuance_signing.Appearance(reason="r", location="l"),
        )
    assert "Passphrase anda salah" in str(err.value)


def test_it_reports_wrong_service_credentials_clearly(bsre, application, officers, settings):
    """HTTP 401 from the service (Loket's Basic auth wrong): a clear Invalid, nothing signed."""
    _enrol(officers)
    application = advance(application, officers, 7)
    settings.BSRE_PASSWORD = "bukan"
    with pytest.raises(Invalid) as err:
        sign_as(application, officers["kepala_dinas"], passphrase=SECRET)
    assert "401" in str(err.value.errors)
    assert not SignatureAct.objects.exists()
    assert Secret(PASSPHRASE, SECRET).__repr__().count(SECRET) == 0
