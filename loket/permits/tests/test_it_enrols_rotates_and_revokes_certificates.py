"""Key ceremonies: an officer's personal certificate is enrolled (key made and
certified, kept encrypted with the passphrase the officer types), rotated (the old
one kept as rotated) and revoked (on the demo CA's list, and it signs no more); the
office sees every certificate with its expiry, and one ending within 30 days is
flagged."""

import datetime as dt
import io
import stat
from pathlib import Path

import pytest
from cryptography import x509
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket.core.errors import Invalid
from loket.lib.signing import WrongSecret, load_pkcs12_signer
from loket.permits import issuance_certificates, issuance_signing
from loket.permits.models import SigningCertificate
from loket.testing import advance, sign_as

PASSPHRASE = "rahasia-pribadi-kadis"


def test_enrolment_makes_an_encrypted_key_only_his_passphrase_opens(officers):
    kadis = officers["kepala_dinas"]
    record = issuance_certificates.enrol_local(kadis, PASSPHRASE)
    key_file = Path(record.key_file)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert PASSPHRASE.encode() not in key_file.read_bytes()
    with pytest.raises(WrongSecret):
        load_pkcs12_signer(key_file, "bukan")
    assert load_pkcs12_signer(key_file, PASSPHRASE) is not None
    assert record.subject == kadis.get_full_name() or kadis.username
    assert record.not_after - record.not_before > dt.timedelta(days=700)


def test_a_short_passphrase_is_refused(officers):
    with pytest.raises(Invalid):
        issuance_certificates.enrol_local(officers["kepala_dinas"], "pendek")
    assert not SigningCertificate.objects.exists()


def test_rotation_keeps_the_old_certificate_as_rotated(officers):
    kadis = officers["kepala_dinas"]
    first = issuance_certificates.enrol_local(kadis, PASSPHRASE)
    second = issuance_certificates.enrol_local(kadis, PASSPHRASE + "-2")
    first.refresh_from_db()
    assert first.status == SigningCertificate.ROTATED
    assert second.status == SigningCertificate.ACTIVE


def test_a_revoked_certificate_signs_nothing_and_is_on_the_crl(application, officers):
    kadis = officers["kepala_dinas"]
    record = issuance_certificates.enrol_local(kadis, PASSPHRASE)
    issuance_certificates.revoke_certificate(record, "kunci bocor")
    crl = x509.load_der_x509_crl(issuance_signing.demo_authority().crl_path.read_bytes())
    assert crl.get_revoked_certificate_by_serial_number(int(record.serial, 16)) is not None
    application = advance(application, officers, 7)
    with pytest.raises(Invalid) as err:
        sign_as(application, kadis, passphrase=PASSPHRASE)
    assert "certificate" in err.value.errors


def test_the_commands_enrol_and_revoke(officers):
    out = io.StringIO()
    call_command(
        "enrol_signing_certificate",
        "kepala_dinas",
        "--passphrase-stdin",
        stdin=io.StringIO(PASSPHRASE + "\n"),
        stdout=out,
    )
    assert "Enrolled" in out.getvalue()
    call_command("revoke_signing_certificate", "kepala_dinas", "--reason", "pensiun", stdout=out)
    assert SigningCertificate.objects.get().status == SigningCertificate.REVOKED


def test_the_office_sees_its_certificates_and_the_expiring_one(officers):
    kadis = officers["kepala_dinas"]
    issuance_certificates.enrol_local(
        kadis,
        PASSPHRASE,
        days=40,
        not_before=timezone.now() - dt.timedelta(days=20),
    )
    client = Client()
    client.force_login(officers["sekretaris"])
    page = client.get(reverse("issuance:certificates")).content.decode()
    assert "Sertifikat berikut berakhir dalam 30 hari atau kurang" in page
    assert "segera berakhir" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("issuance:certificates")).content.decode()
    assert "These certificates end within 30 days or less" in english
    with pytest.raises(SystemExit):
        call_command("check_signing_certificates", stdout=io.StringIO())


def test_the_public_cannot_see_the_certificates(db):
    assert Client().get(reverse("issuance:certificates")).status_code in (302, 404)
