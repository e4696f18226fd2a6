"""Electronic signatures (PAdES) on issued documents, and their verification.

* :func:`make_demo_pki` makes a throw-away CA and signer certificate so that a
  demo or development install can sign permits. A real office signs with a
  certificate issued by a real CA (in Indonesia: BSrE / a PSrE); nothing else in
  this module depends on where the certificate came from.
* :func:`sign_pdf` adds a PAdES baseline B-B signature (``ETSI.CAdES.detached``,
  SHA-256) as an incremental update, optionally with a visible stamp on page 1.
  There is no timestamp authority, so the signing time is the signer's own claim.
* :func:`verify_pdf` checks a PDF against a list of trusted root certificates,
  offline, and never raises on bad input.

pyHanko's synchronous entry points call ``asyncio.run``: call :func:`sign_pdf`
and :func:`verify_pdf` from synchronous code (in an async view, wrap them in
``sync_to_async``).
"""

import datetime as dt
import hashlib
import io
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.utils import timezone
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

DEMO_CA_NAME = "Loket DEMO CA — not for real use"
DEMO_ORGANISATION = "DPMPTSP Kota Pekanbaru (DEMO)"
CA_FILENAME = "ca.pem"
SIGNER_FILENAME = "signer.p12"

DEFAULT_FIELD_NAME = "TTE-Kepala-Dinas"
# (x1, y1, x2, y2) in PDF points (1/72 inch) from the bottom-left corner of page 1:
# a 240 x 70 pt box at the bottom right of the text area of an A4 page (595 x 842
# pt) with 20 mm side and 18 mm bottom margins, clear of a bottom-left QR code.
DEFAULT_SIGNATURE_BOX = (299, 52, 539, 122)

# RFC 9336 id-kp-documentSigning: the purpose that says "signs documents".
DOCUMENT_SIGNING_EKU = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")

# pyHanko's own %(ts)s is rendered in the process's local zone (tzlocal) and is
# set after our parameters, so the stamp uses its own %(waktu)s, in the current
# Django time zone (WIB for Asia/Jakarta).
STAMP_TIME_FORMAT = "%d-%m-%Y %H:%M:%S %Z"
STAMP_STYLE = TextStampStyle(
    stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s\n%(waktu)s",
    background=None,
    border_width=1,
)


@dataclass(frozen=True)
class DemoPki:
    ca_cert_path: Path
    signer_p12_path: Path


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify_pdf`.

    ``intact``: the signed bytes are unchanged and the signature over them is
    mathematically correct. ``trusted``: the signer's certificate chains to one
    of the given roots and is usable for signing. ``covers_whole_file``: nothing
    was appended after the last signature. ``valid`` is all of these together.
    """

    valid: bool
    intact: bool
    trusted: bool
    signer: str | None
    signed_at: dt.datetime | None
    covers_whole_file: bool
    message: str


def pdf_sha256(pdf: bytes) -> str:
    """Hex SHA-256 of the exact bytes (e.g. to record which file was issued)."""
    return hashlib.sha256(pdf).hexdigest()


# --- Demo PKI ---------------------------------------------------------------


def make_demo_pki(
    directory: Path,
    signer_name: str,
    passphrase: str,
    organisation: str = DEMO_ORGANISATION,
) -> DemoPki:
    """Create (once) a demo CA and a signing certificate for ``signer_name``.

    Writes ``ca.pem`` (the CA certificate, i.e. the trust root to verify with)
    and ``signer.p12`` (signer key + certificate + CA certificate, encrypted with
    ``passphrase``, mode 0600) in ``directory``. If both files already exist
    they are returned untouched, whatever the arguments.
    """
    directory = Path(directory)
    result = DemoPki(directory / CA_FILENAME, directory / SIGNER_FILENAME)
    if result.ca_cert_path.is_file() and result.signer_p12_path.is_file():
        return result
    if not passphrase:
        raise ValueError("The signer key needs a non-empty passphrase.")
    directory.mkdir(parents=True, exist_ok=True)

    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    ca_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    ca_name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, DEMO_CA_NAME),
        ]
    )
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=10 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )

    signer_key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    signer_cert = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
                    x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
                    x509.NameAttribute(NameOID.COMMON_NAME, signer_name),
                ]
            )
        )
        .issuer_name(ca_name)
        .public_key(signer_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=5 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,  # a.k.a. nonRepudiation; pyHanko requires it
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        # documentSigning says what the key is for; emailProtection is what NSS
        # (pdfsig, Firefox) and Adobe accept for document signers.
        .add_extension(
            x509.ExtendedKeyUsage([DOCUMENT_SIGNING_EKU, ExtendedKeyUsageOID.EMAIL_PROTECTION]),
            critical=False,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(signer_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )

    p12 = pkcs12.serialize_key_and_certificates(
        name=signer_name.encode("utf-8"),
        key=signer_key,
        cert=signer_cert,
        cas=[ca_cert],
        encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )
    # The CA key is not kept: the demo CA signs exactly one certificate.
    _write_atomically(result.signer_p12_path, p12, mode=0o600)
    _write_atomically(
        result.ca_cert_path, ca_cert.public_bytes(serialization.Encoding.PEM), mode=0o644
    )
    return result


def _write_atomically(path: Path, data: bytes, mode: int) -> None:
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


# --- Signing ----------------------------------------------------------------


def sign_pdf(
    pdf: bytes,
    p12_path: str | Path,
    passphrase: str,
    *,
    field_name: str = DEFAULT_FIELD_NAME,
    reason: str,
    location: str,
    name: str | None = None,
    visible_box: tuple[int, int, int, int] | None = DEFAULT_SIGNATURE_BOX,
) -> bytes:
    """Return ``pdf`` with a PAdES signature made with the key in ``p12_path``.

    The signature is appended as an incremental update, so the original bytes
    are a prefix of the result. ``visible_box`` is ``(x1, y1, x2, y2)`` in PDF
    points on page 1, where a stamp shows the signer's name and the signing time
    (in the current Django time zone); ``None`` makes the signature invisible.
    ``name`` defaults to the certificate's subject name.
    """
    signer = signers.SimpleSigner.load_pkcs12(
        pfx_file=str(p12_path), passphrase=passphrase.encode("utf-8")
    )
    if signer is None:
        # pyHanko logs the reason and returns None instead of raising.
        raise ValueError(f"Cannot load the signing key from {p12_path} (wrong passphrase?)")

    metadata = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=name,
    )
    field_spec = fields.SigFieldSpec(
        sig_field_name=field_name,
        on_page=0,
        box=tuple(visible_box) if visible_box is not None else None,
    )
    pdf_signer = signers.PdfSigner(
        metadata, signer=signer, stamp_style=STAMP_STYLE, new_field_spec=field_spec
    )
    # The stamp time is taken here, a moment before pyHanko's signing time.
    shown_time = timezone.localtime(dt.datetime.now(dt.UTC)).strftime(STAMP_TIME_FORMAT)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    output = pdf_signer.sign_pdf(writer, appearance_text_params={"waktu": shown_time})
    return output.getvalue()


# --- Verification -----------------------------------------------------------


def _load_trust_roots(paths: list[str | Path]) -> list[asn1_x509.Certificate]:
    """Read PEM (one or more certificates) or DER files. Errors here are config errors."""
    roots = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            roots.extend(
                asn1_x509.Certificate.load(der)
                for kind, _headers, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"
            )
        else:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def _failure(message: str) -> Verification:
    return Verification(
        valid=False,
        intact=False,
        trusted=False,
        signer=None,
        signed_at=None,
        covers_whole_file=False,
        message=message,
    )


def verify_pdf(pdf: bytes, trust_roots: list[str | Path]) -> Verification:
    """Check every signature in ``pdf`` offline against ``trust_roots``.

    Valid means: each signature is intact and made with a certificate that
    chains to one of ``trust_roots`` (and is within its validity period, with
    the non-repudiation key usage), and the last signature covers the whole
    file, i.e. nothing was added after signing. The signer and time reported are
    those of the last signature; the time is the signer's own claim.

    Never raises for bad PDF input (unreadable, unsigned, malformed signature):
    that is a ``valid=False`` result with a message. Unreadable trust root
    files do raise, since that is a configuration error.
    """
    roots = _load_trust_roots(trust_roots)
    try:
        reader = PdfFileReader(io.BytesIO(pdf))  # strict: no guessing at broken files
        signatures = reader.embedded_regular_signatures
    except Exception as exc:  # pyHanko raises many kinds of errors on garbage
        logger.info("Unreadable PDF: %r", exc)
        # The parser's words ("Illegal generation 65536...") are for the log, not the citizen.
        return _failure(
            _(
                "Berkas ini bukan PDF yang dapat dibaca. Unggah berkas PDF izin persis seperti "
                "yang Anda terima dari kantor."
            )
        )
    if not signatures:
        return _failure("The PDF has no signature.")

    results = []
    for embedded in signatures:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception as exc:
            logger.info("Signature %s cannot be validated: %r", embedded.field_name, exc)
            return _failure(f"Signature {embedded.field_name!r} cannot be checked ({exc}).")
        results.append(status)

    last = results[-1]
    common_name = last.signing_cert.subject.native.get("common_name")
    if isinstance(common_name, list):  # a name may repeat CN
        common_name = ", ".join(common_name)
    signer = common_name or last.signing_cert.subject.human_friendly
    if last.timestamp_validity is not None and last.timestamp_validity.trusted:
        signed_at = last.timestamp_validity.timestamp
    else:
        signed_at = last.signer_reported_dt
    if signed_at is not None:
        signed_at = signed_at.astimezone(dt.UTC)

    intact = all(status.intact and status.valid for status in results)
    trusted = all(
        status.trust_problem_indic is None and status.validation_path is not None
        for status in results
    )
    covers_whole_file = last.coverage == SignatureCoverageLevel.ENTIRE_FILE and (
        last.modification_level in (None, ModificationLevel.NONE)
    )
    valid = (
        intact and trusted and covers_whole_file and all(status.bottom_line for status in results)
    )

    if valid:
        message = f"Valid signature, signed by: {signer}"
    else:
        message = _explain(results, intact=intact, trusted=trusted, whole=covers_whole_file)
    return Verification(
        valid=valid,
        intact=intact,
        trusted=trusted,
        signer=signer,
        signed_at=signed_at,
        covers_whole_file=covers_whole_file,
        message=message,
    )


def _explain(results, *, intact: bool, trusted: bool, whole: bool) -> str:
    problems = []
    if not intact:
        problems.append("the signed content was altered or the signature is corrupt")
    if not trusted:
        reasons = sorted(
            {
                status.trust_problem_indic.name
                for status in results
                if status.trust_problem_indic is not None
            }
        )
        detail = f" ({', '.join(reasons)})" if reasons else ""
        problems.append(f"the signer's certificate is not trusted{detail}")
    if not whole:
        problems.append("the file was changed after it was signed")
    if not problems:
        problems.append("the signature does not meet the signing policy")
    return "Not valid: " + "; ".join(problems) + "."
