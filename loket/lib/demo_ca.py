"""A throw-away certificate authority and timestamp authority for demos and tests.

A real office's officers hold certificates from BSrE or a PSrE, and a real
timestamp authority stamps their signatures. A demo install needs the same
shapes to exist, so this module makes, in one directory:

* ``ca.pem`` / ``ca.key``: the "Loket DEMO CA — not for real use" (the key is
  kept, mode 0600, because the demo CA issues every officer's certificate from
  a CSR and signs its revocation list);
* ``tsa.pem`` / ``tsa.key``: a timestamp authority certificate issued by it
  (RFC 3161, used in-process by :func:`demo_timestamper`);
* ``ca.crl``: the CA's revocation list, re-issued on every revocation and when
  it is older than a day, so a signature can embed fresh revocation data;
* ``revoked.json``: the serial numbers revoked so far, with the reason.

Keys are EC P-256 (fast to make in tests, accepted by pyHanko and by NSS/pdfsig),
except the TSA's (RSA: pyHanko's in-process TSA signs with RSA only).
"""

import datetime as dt
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_CA_NAME = "Loket DEMO CA — not for real use"
DEMO_TSA_NAME = "Loket DEMO Timestamp Authority — not for real use"
DEMO_ORGANISATION = "DPMPTSP Kota Pekanbaru (DEMO)"
# RFC 9336 id-kp-documentSigning: the purpose that says "signs documents".
DOCUMENT_SIGNING_EKU = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
CRL_LIFETIME = dt.timedelta(days=7)
CRL_REFRESH = dt.timedelta(days=1)


@dataclass(frozen=True)
class DemoCa:
    directory: Path

    @property
    def cert_path(self) -> Path:
        return self.directory / "ca.pem"

    ca_cert_path = cert_path  # the trust root, by the name settings give it

    @property
    def key_path(self) -> Path:
        return self.directory / "ca.key"

    @property
    def crl_path(self) -> Path:
        return self.directory / "ca.crl"

    @property
    def tsa_cert_path(self) -> Path:
        return self.directory / "tsa.pem"

    @property
    def tsa_key_path(self) -> Path:
        return self.directory / "tsa.key"

    @property
    def revoked_path(self) -> Path:
        return self.directory / "revoked.json"

    def exists(self) -> bool:
        return all(
            p.is_file()
            for p in (self.cert_path, self.key_path, self.tsa_cert_path, self.tsa_key_path)
        )

    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.cert_path.read_bytes())

    def _key(self):
        return serialization.load_pem_private_key(self.key_path.read_bytes(), password=None)


def write_atomically(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename (never half a key)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _pem_key(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _key_usage(*, signer: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signer,
        content_commitment=signer,  # nonRepudiation: pyHanko requires it of signers
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signer,
        crl_sign=not signer,
        encipher_only=False,
        decipher_only=False,
    )


def make_demo_ca(directory: Path, organisation: str = DEMO_ORGANISATION) -> DemoCa:
    """Create (once) the demo CA and TSA in ``directory``; existing files are kept."""
    ca = DemoCa(Path(directory))
    if ca.exists():
        return ca
    now = _now()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CA_NAME),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=20 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(signer=False), critical=True)
        .add_extension(ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    # pyHanko's in-process timestamp authority signs with RSA only.
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_cert = (
        _leaf_builder(ca_cert, tsa_key.public_key(), DEMO_TSA_NAME, organisation, 15 * 365)
        .add_extension(_key_usage(signer=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    write_atomically(ca.key_path, _pem_key(ca_key), 0o600)
    write_atomically(ca.tsa_key_path, _pem_key(tsa_key), 0o600)
    write_atomically(ca.tsa_cert_path, tsa_cert.public_bytes(serialization.Encoding.PEM), 0o644)
    write_atomically(ca.revoked_path, b"{}", 0o644)
    # Written last: exists() is true only once everything else is in place.
    write_atomically(ca.cert_path, ca_cert.public_bytes(serialization.Encoding.PEM), 0o644)
    refresh_crl(ca, force=True)
    return ca


def _leaf_builder(ca_cert, public_key, common_name, organisation, days, not_before=None):
    start = not_before or (_now() - dt.timedelta(minutes=5))
    return (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                    x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                ]
            )
        )
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
    )


def make_key_and_csr(common_name: str, organisation: str):
    """A new EC key and a certificate signing request for it (the officer's side)."""
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                    x509.NameAttribute(NameOID.COMMON_NAME, common_name),
                ]
            )
        )
        .sign(key, hashes.SHA256())
    )
    return key, csr


def issue_from_csr(
    ca: DemoCa, csr: x509.CertificateSigningRequest, days: int = 2 * 365, not_before=None
) -> x509.Certificate:
    """The demo CA's answer to a CSR: a personal document-signing certificate."""
    if not csr.is_signature_valid:
        raise ValueError("The certificate request is not signed by its own key.")
    ca_cert = ca.certificate()
    common_name = csr.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    organisation_attrs = csr.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    organisation = organisation_attrs[0].value if organisation_attrs else DEMO_ORGANISATION
    return (
        _leaf_builder(
            ca_cert, csr.public_key(), common_name, organisation, days, not_before=not_before
        )
        .add_extension(_key_usage(signer=True), critical=True)
        # documentSigning says what the key is for; emailProtection is what NSS
        # (pdfsig, Firefox) and Adobe accept for document signers.
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING_EKU, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .sign(ca._key(), hashes.SHA256())
    )


def pkcs12_bytes(key, cert, ca_cert, passphrase: str, friendly_name: str) -> bytes:
    if not passphrase:
        raise ValueError("A signing key needs a non-empty passphrase.")
    return pkcs12.serialize_key_and_certificates(
        name=friendly_name.encode("utf-8"),
        key=key,
        cert=cert,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def revoke(ca: DemoCa, serial: int, reason: str = "") -> None:
    """Put ``serial`` on the demo CA's revocation list and re-issue the list."""
    revoked = json.loads(ca.revoked_path.read_text() or "{}")
    revoked.setdefault(str(serial), {"at": _now().isoformat(), "reason": reason})
    write_atomically(ca.revoked_path, json.dumps(revoked).encode(), 0o644)
    refresh_crl(ca, force=True)


def refresh_crl(ca: DemoCa, force: bool = False) -> bytes:
    """The CA's current CRL (DER); re-issued when missing, older than a day, or forced."""
    now = _now()
    if not force and ca.crl_path.is_file():
        current = x509.load_der_x509_crl(ca.crl_path.read_bytes())
        if current.last_update_utc > now - CRL_REFRESH:
            return ca.crl_path.read_bytes()
    revoked = json.loads(ca.revoked_path.read_text() or "{}") if ca.revoked_path.is_file() else {}
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca.certificate().subject)
        .last_update(now - dt.timedelta(minutes=5))
        .next_update(now + CRL_LIFETIME)
    )
    for serial, entry in revoked.items():
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(int(serial))
            .revocation_date(dt.datetime.fromisoformat(entry["at"]))
            .build()
        )
    der = builder.sign(ca._key(), hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    write_atomically(ca.crl_path, der, 0o644)
    return der


def demo_timestamper(ca: DemoCa):
    """An in-process RFC 3161 timestamp authority signing with the demo TSA key."""
    # asn1crypto (pyHanko's certificate types) only here: a page worker never stamps.
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa_cert = asn1_x509.Certificate.load(
        x509.load_pem_x509_certificate(ca.tsa_cert_path.read_bytes()).public_bytes(
            serialization.Encoding.DER
        )
    )
    tsa_key = asn1_keys.PrivateKeyInfo.load(
        serialization.load_pem_private_key(ca.tsa_key_path.read_bytes(), None).private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    ca_cert = asn1_x509.Certificate.load(ca.certificate().public_bytes(serialization.Encoding.DER))
    return DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key, certs_to_embed=[ca_cert])
