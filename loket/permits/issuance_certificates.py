"""Key ceremonies: enrol, rotate and revoke an officer's personal signing certificate.

* local backend: a new key and CSR are made for the officer, the demo CA issues
  the certificate, and the key is written as a PKCS#12 encrypted with the
  passphrase the officer types at the ceremony (never stored, never logged);
* bsre backend: the officer's NIK is registered: the service must answer that a
  certificate is issued for it, and its certificate chain is recorded.

Rotating is enrolling again: the previous certificate becomes "rotated" (it
still validates the permits it signed). Revoking stops its use at once and, for
the demo CA, puts it on the CA's revocation list.
"""

import datetime as dt

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import audit
from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.roles import office_of
from loket.lib import demo_ca
from loket.lib.signing_backends import NotRegistered, SigningUnavailable
from loket.permits import issuance_signing
from loket.permits.models import SigningCertificate

# Below this many characters a passphrase is refused at enrolment.
MIN_PASSPHRASE = 10


def _display_name(user):
    return user.get_full_name() or user.get_username()


def _common_name(name):
    attrs = name.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return attrs[0].value if attrs else name.rfc4514_string()


def _record(office, officer, cert: x509.Certificate, backend, key_file="", identity=""):
    return SigningCertificate.objects.create(
        office=office,
        officer=officer,
        backend=backend,
        subject=_common_name(cert.subject)[:200],
        issuer=_common_name(cert.issuer)[:200],
        serial=format(cert.serial_number, "x"),
        fingerprint=cert.fingerprint(hashes.SHA256()).hex(),  # of the DER
        certificate_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
        key_file=str(key_file),
        identity=identity,
    )


def _retire_active(officer):
    SigningCertificate.objects.filter(officer=officer, status=SigningCertificate.ACTIVE).update(
        status=SigningCertificate.ROTATED
    )


def _office(officer):
    office = office_of(officer)
    if office is None:
        raise NotAllowed(_("Hanya petugas kantor yang dapat memiliki sertifikat tanda tangan."))
    return office


def enrol_local(officer, passphrase, *, by=None, days=2 * 365, not_before=None):
    """Make the officer's key, have the demo CA certify it, store it encrypted.

    ``passphrase`` is the officer's own: typed by them at the ceremony and again
    at every signature. It encrypts the PKCS#12 and is not kept anywhere.
    """
    office = _office(officer)
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise Invalid(
            _("Passphrase minimal %(n)s karakter.") % {"n": MIN_PASSPHRASE},
            {"passphrase": _("Terlalu pendek.")},
        )
    ca = issuance_signing.demo_authority()
    if not ca.exists():
        raise Invalid(_("CA demo belum dibuat: jalankan manage.py make_demo_pki."))
    key, csr = demo_ca.make_key_and_csr(_display_name(officer), office.name)
    cert = demo_ca.issue_from_csr(ca, csr, days=days, not_before=not_before)
    path = issuance_signing.key_dir() / f"{officer.get_username()}-{cert.serial_number:x}.p12"
    data = demo_ca.pkcs12_bytes(
        key, cert, ca.certificate(), passphrase, friendly_name=_display_name(officer)
    )
    demo_ca.write_atomically(path, data, 0o600)
    try:
        with transaction.atomic():
            _retire_active(officer)
            record = _record(office, officer, cert, SigningCertificate.LOCAL, key_file=path)
            audit.record(
                "permits.enrol_signing_certificate",
                actor=by,
                office=office.pk,
                obj=record,
                data={"officer": officer.pk, "backend": "local", "serial": record.serial},
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return record


def _load_chain_entry(text):
    # asn1crypto (pyHanko's) only in a ceremony, not in every page worker.
    from asn1crypto import pem

    data = text.encode() if isinstance(text, str) else text
    if pem.detect(data):
        return x509.load_pem_x509_certificate(data)
    import base64

    return x509.load_der_x509_certificate(base64.b64decode(data))


def enrol_bsre(officer, nik, *, by=None, client=None):
    """Register the officer's NIK with the BSrE service: it must hold an issued
    certificate for it, whose chain is recorded (the signer's certificate first)."""
    office = _office(officer)
    nik = (nik or "").strip()
    if not (nik.isdigit() and len(nik) == 16):
        raise Invalid(_("NIK harus 16 angka."), {"nik": _("Tidak sah.")})
    client = client or issuance_signing.backend(SigningCertificate.BSRE)
    try:
        status = client.user_status(nik)
        if status != "ISSUE":
            raise Invalid(
                _("BSrE belum menerbitkan sertifikat untuk NIK ini (status %(s)s).")
                % {"s": status},
                {"nik": status},
            )
        chain = client.certificate_chain(nik)
    except NotRegistered as exc:
        raise Invalid(_("NIK ini tidak terdaftar di BSrE."), {"nik": str(exc)}) from exc
    except SigningUnavailable as exc:
        raise Invalid(_("Layanan BSrE tidak dapat dihubungi."), {"bsre": str(exc)}) from exc
    if not chain:
        raise Invalid(_("BSrE tidak mengirim sertifikat."))
    cert = _load_chain_entry(chain[0])
    with transaction.atomic():
        _retire_active(officer)
        record = _record(office, officer, cert, SigningCertificate.BSRE, identity=nik)
        audit.record(
            "permits.enrol_signing_certificate",
            actor=by,
            office=office.pk,
            obj=record,
            data={"officer": officer.pk, "backend": "bsre", "serial": record.serial},
        )
    return record


def revoke_certificate(certificate, reason, *, by=None):
    """Stop a certificate at once (lost key, officer left); the demo CA lists it revoked."""
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(_("Tuliskan alasan pencabutan sertifikat."), {"reason": _("Wajib diisi.")})
    with transaction.atomic():
        updated = (
            SigningCertificate.objects.filter(pk=certificate.pk)
            .exclude(status=SigningCertificate.REVOKED)
            .update(
                status=SigningCertificate.REVOKED,
                revoked_at=timezone.now(),
                revoke_reason=reason,
            )
        )
        if not updated:
            raise Conflict(_("Sertifikat ini sudah dicabut."))
        audit.record(
            "permits.revoke_signing_certificate",
            actor=by,
            office=certificate.office_id,
            obj=certificate,
            data={"serial": certificate.serial, "reason": reason},
        )
    ca = issuance_signing.demo_authority()
    if certificate.backend == SigningCertificate.LOCAL and ca.exists():
        if ca.certificate().subject.rfc4514_string() and certificate.issuer == _common_name(
            ca.certificate().subject
        ):
            demo_ca.revoke(ca, int(certificate.serial, 16), reason)
    certificate.refresh_from_db()
    return certificate


def expiring(office, today=None, days=None):
    """Certificates of the office in use that end within the warning period."""
    now = timezone.now() if today is None else today
    days = settings.SIGNING_EXPIRY_WARNING_DAYS if days is None else days
    return SigningCertificate.objects.filter(
        office=office,
        status=SigningCertificate.ACTIVE,
        not_after__lte=now + dt.timedelta(days=days),
    ).select_related("officer")
