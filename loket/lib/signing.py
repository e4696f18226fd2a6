"""Electronic signatures (PAdES) on issued documents, and their verification.

The building blocks of a permit's life as a PDF (see docs/issuance.md for why):

* :func:`add_text_fields` puts empty form fields (the number, the date) on the
  document before anyone signs it;
* :func:`sign_with_pkcs12` makes a PAdES signature with a key the signer unlocks
  with their own passphrase, timestamped (RFC 3161), optionally a *certification*
  signature that allows form filling afterwards (DocMDP P=2);
* :func:`fill_text_fields` writes values into those fields as an incremental
  update (a change validators classify as "form filling");
* :func:`add_validation_data` and :func:`timestamp_document` make the file
  PAdES B-LTA: certificates and revocation lists of every signature in the
  Document Security Store, then a document timestamp over everything;
* :func:`verify_pdf` checks all of it offline, each signature at the time its
  timestamp proves, so a permit still verifies after the certificates expire.

pyHanko's synchronous entry points call ``asyncio.run``: call these functions
from synchronous code (in an async view, wrap them in ``sync_to_async``).

pyHanko and asn1crypto (about 40 MB with what they pull in) are imported by the
functions that use them, not by this module: every web worker imports the views that
name these functions, few of them ever sign (docs/bench.md, "Lean workers").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

if TYPE_CHECKING:  # names of annotations only: the modules load when a function runs
    from asn1crypto import crl as asn1_crl
    from asn1crypto import x509 as asn1_x509
    from pyhanko.stamp import TextStampStyle
    from pyhanko_certvalidator import ValidationContext

logger = logging.getLogger(__name__)

DEFAULT_FIELD_NAME = "TTE-Kepala-Dinas"
# (x1, y1, x2, y2) in PDF points (1/72 inch) from the bottom-left corner of page 1.
DEFAULT_SIGNATURE_BOX = (299, 52, 539, 122)
# Every glyph drawn by this module comes from this font, embedded (subset) in the
# PDF: no reader substitutes a font of its own, and pdffonts shows it "emb". An
# OpenType/CFF font with 1000 units per em (Debian fonts-urw-base35): pyHanko's text
# layout misplaces the glyphs of 2048-unit TrueType fonts such as DejaVu.
FONT_FILE = Path("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf")

# The stamp shows what the signer signed as and when (the time of the timestamp
# request, in the Django time zone, e.g. WIB).
STAMP_TIME_FORMAT = "%d-%m-%Y %H:%M:%S %Z"


class WrongSecret(Exception):
    """The signer's passphrase or one-time code did not unlock the key: nothing signed."""


@dataclass(frozen=True)
class TextField:
    name: str
    box: tuple[float, float, float, float]
    page: int = 0


@dataclass(frozen=True)
class Appearance:
    """What a signature says about itself (in the PDF and, if ``box``, on page 1)."""

    reason: str
    location: str
    stamp_lines: tuple[str, ...] = ()
    box: tuple[float, float, float, float] | None = DEFAULT_SIGNATURE_BOX
    field_name: str = DEFAULT_FIELD_NAME
    name: str | None = None


@dataclass(frozen=True)
class SignatureCheck:
    """One signature (or document timestamp) of a file, as :func:`verify_pdf` saw it."""

    field_name: str
    kind: str  # "signature" or "timestamp"
    signer: str | None
    intact: bool
    trusted: bool
    timestamped_at: dt.datetime | None
    certified: bool
    # What was changed after this signature: "none", "form_filling", "annotations", "other".
    changes_after: str
    problem: str = ""


@dataclass(frozen=True)
class Verification:
    """The outcome of :func:`verify_pdf`.

    ``intact``: the signed bytes are unchanged and every signature over them is
    mathematically correct. ``trusted``: every signer's certificate chains to one
    of the given roots and was valid when its timestamp says it signed.
    ``covers_whole_file``: the last signature or document timestamp covers
    every byte. ``valid`` is all of these, with at most form filling after any
    signature. ``message`` is a technical explanation in English, for logs and
    officers' diagnostics; ``failure`` says why nothing could be checked
    ("unreadable", "unsigned", "unchecked"; empty when the signatures were checked),
    so a public page can say it in its own language.
    """

    valid: bool
    intact: bool
    trusted: bool
    signer: str | None
    signed_at: dt.datetime | None
    covers_whole_file: bool
    message: str
    signatures: tuple[SignatureCheck, ...] = field(default=())
    failure: str = ""


def pdf_sha256(pdf: bytes) -> str:
    """Hex SHA-256 of the exact bytes (e.g. to record which file was issued)."""
    return hashlib.sha256(pdf).hexdigest()


def _font():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    return GlyphAccumulatorFactory(str(FONT_FILE))


def _write(writer) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rect(box):
    from pyhanko.pdf_utils import generic

    return generic.ArrayObject(generic.FloatObject(round(v, 2)) for v in box)


# --- form fields --------------------------------------------------------------


def add_text_fields(pdf: bytes, text_fields: list[TextField]) -> bytes:
    """Add empty, read-only text fields (filled later by :func:`fill_text_fields`).

    Their appearance is empty until filled, so nothing shows on the page yet. An
    incremental update: ``pdf`` stays, byte for byte, the start of the result.
    """
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    root = writer.root
    acroform = root.get("/AcroForm")
    if acroform is None:
        acroform = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(acroform)
        writer.update_root()
    else:
        acroform = acroform.get_object()
    pages = root["/Pages"]["/Kids"]
    for text_field in text_fields:
        page_ref = pages[text_field.page]
        x1, y1, x2, y2 = text_field.box
        empty = generic.StreamObject(
            {
                pdf_name("/Type"): pdf_name("/XObject"),
                pdf_name("/Subtype"): pdf_name("/Form"),
                pdf_name("/BBox"): _rect((0, 0, x2 - x1, y2 - y1)),
            },
            stream_data=b"",
        )
        widget = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/FT"): pdf_name("/Tx"),
                pdf_name("/T"): pdf_string(text_field.name),
                pdf_name("/Rect"): _rect(text_field.box),
                pdf_name("/F"): generic.NumberObject(4),  # print
                pdf_name("/Ff"): generic.NumberObject(1),  # read-only for people
                # No /P (optional): a back-reference to the page makes each field
                # reachable through the others, which pyHanko's diff analysis cannot
                # tell apart from a suspicious change when two fields are filled.
                pdf_name("/DA"): pdf_string("0 g"),
                pdf_name("/AP"): generic.DictionaryObject(
                    {pdf_name("/N"): writer.add_object(empty)}
                ),
            }
        )
        ref = writer.add_object(widget)
        acroform["/Fields"].append(ref)
        page = page_ref.get_object()
        annots = page.get("/Annots")
        if annots is None:
            page[pdf_name("/Annots")] = generic.ArrayObject([ref])
        else:
            annots.get_object().append(ref)
        writer.update_container(page)
    writer.update_container(acroform)
    return _write(writer)


# Filled-in text sits at the bottom left of its field, without padding, at its size.
def _field_layout():
    from pyhanko.pdf_utils import layout

    return layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MIN,
        y_align=layout.AxisAlignment.ALIGN_MIN,
        margins=layout.Margins(0, 0, 0, 0),
        inner_content_scaling=layout.InnerScaling.NO_SCALING,
    )


def fill_text_fields(pdf: bytes, values: dict[str, str], font_size: int = 10) -> bytes:
    """Set the value and the visible text of existing text fields, in one incremental
    update. Validators classify this as form filling, which a certification
    signature with DocMDP P=2 allows."""
    from pyhanko.pdf_utils import generic, layout
    from pyhanko.pdf_utils.generic import pdf_name, pdf_string
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    found = set()
    for ref in writer.root["/AcroForm"]["/Fields"]:
        widget = ref.get_object()
        name = widget.get("/T")
        if widget.get("/FT") != "/Tx" or name not in values:
            continue
        found.add(name)
        x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
        stamp = TextStamp(
            writer,
            style=TextStampStyle(
                stamp_text="%(value)s",
                text_box_style=TextBoxStyle(
                    font=_font(), font_size=font_size, box_layout_rule=_field_layout()
                ),
                background=None,
                border_width=0,
                inner_content_layout=_field_layout(),
            ),
            text_params={"value": values[name]},
            box=layout.BoxConstraints(int(x2 - x1), int(y2 - y1)),
        )
        widget[pdf_name("/V")] = pdf_string(values[name])
        appearance = writer.add_object(stamp.as_form_xobject())
        widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): appearance})
        writer.update_container(widget)
    missing = set(values) - found
    if missing:
        raise ValueError(f"No text field named {sorted(missing)} in the document.")
    return _write(writer)


# --- signing ------------------------------------------------------------------


def stamp_style() -> TextStampStyle:
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    return TextStampStyle(
        stamp_text="%(lines)s",
        text_box_style=TextBoxStyle(font=_font(), font_size=8),
        background=None,
        border_width=1,
    )


def load_pkcs12_signer(p12: bytes | str | Path, secret: str):
    """The signer in a PKCS#12, unlocked with ``secret``; WrongSecret if it does not open."""
    from pyhanko.sign import signers

    data = Path(p12).read_bytes() if isinstance(p12, str | Path) else p12
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=None, passphrase=secret.encode("utf-8")
        )
    except ValueError as exc:  # cryptography's answer to a wrong passphrase
        raise WrongSecret("The key does not open with this secret.") from exc
    if signer is None:
        raise WrongSecret("The key does not open with this secret.")
    return signer


def sign_with_signer(
    pdf: bytes,
    signer,
    appearance: Appearance,
    *,
    timestamper=None,
    certify: bool = False,
    validation_context: ValidationContext | None = None,
) -> bytes:
    """Return ``pdf`` with a PAdES signature by ``signer`` appended (incremental update).

    ``timestamper``: an RFC 3161 client; the signature then carries a signature
    timestamp (PAdES B-T), the time that later validation relies on.
    ``certify``: a certification signature allowing form filling and further
    signatures only (DocMDP P=2). ``validation_context``: when given, the
    signer's chain and revocation data go into the document (B-LT).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    metadata = signers.PdfSignatureMetadata(
        field_name=appearance.field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=appearance.reason,
        location=appearance.location,
        name=appearance.name,
        certify=certify,
        docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        embed_validation_info=validation_context is not None,
        validation_context=validation_context,
    )
    field_spec = fields.SigFieldSpec(
        sig_field_name=appearance.field_name,
        on_page=0,
        box=tuple(appearance.box) if appearance.box is not None else None,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer,
        timestamper=timestamper,
        stamp_style=stamp_style(),
        new_field_spec=field_spec,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    output = pdf_signer.sign_pdf(
        writer, appearance_text_params={"lines": "\n".join(appearance.stamp_lines)}
    )
    return output.getvalue()


def sign_with_pkcs12(pdf: bytes, p12, secret: str, appearance: Appearance, **kwargs) -> bytes:
    """:func:`sign_with_signer` with the key in a PKCS#12 opened by the signer's secret."""
    return sign_with_signer(pdf, load_pkcs12_signer(p12, secret), appearance, **kwargs)


# --- long-term validation data -----------------------------------------------


def load_certificates(paths) -> list[asn1_x509.Certificate]:
    """Read PEM (one or more certificates) or DER files. Errors here are config errors."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    certs = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            certs.extend(
                asn1_x509.Certificate.load(der)
                for kind, _headers, der in pem.unarmor(data, multiple=True)
                if kind == "CERTIFICATE"
            )
        else:
            certs.append(asn1_x509.Certificate.load(data))
    return certs


def load_crls(paths) -> list[asn1_crl.CertificateList]:
    from asn1crypto import crl as asn1_crl
    from asn1crypto import pem

    crls = []
    for path in paths:
        data = Path(path).read_bytes()
        if pem.detect(data):
            crls.extend(
                asn1_crl.CertificateList.load(der) for _k, _h, der in pem.unarmor(data, True)
            )
        else:
            crls.append(asn1_crl.CertificateList.load(data))
    return crls


def validation_context(trust_roots, crls=(), *, fetch=False, moment=None, dss=None):
    """A context to validate or to collect validation data with.

    ``crls``: revocation lists known locally (the demo CA's); ``fetch``: also
    download CRLs/OCSP from the certificates' distribution points (production).
    ``dss``: a document's own store, whose certificates and revocation data are
    used (long-term validation, offline).
    """
    from pyhanko_certvalidator import ValidationContext

    kwargs = {
        "trust_roots": list(trust_roots),
        "crls": list(crls),
        "allow_fetching": fetch,
        "moment": moment,
        # Validating in the past (at a timestamp's time) with revocation data
        # issued around then, not necessarily after that moment.
        "retroactive_revinfo": moment is not None,
    }
    if dss is not None:
        return dss.as_validation_context(kwargs)
    return ValidationContext(**kwargs)


def add_validation_data(pdf: bytes, context: ValidationContext) -> bytes:
    """Put the certificates and revocation data of every signature (and of its
    timestamp authority) in the document's DSS, one incremental update each."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import add_validation_info

    count = len(PdfFileReader(io.BytesIO(pdf)).embedded_signatures)
    for index in range(count):
        reader = PdfFileReader(io.BytesIO(pdf))
        embedded = reader.embedded_signatures[index]
        output = add_validation_info(embedded, context, in_place=False, force_write=True)
        pdf = output.getvalue()
    return pdf


def timestamp_document(pdf: bytes, timestamper) -> bytes:
    """Append a document timestamp (ETSI.RFC3161) covering every byte so far.

    Nothing is appended after it, so it covers the whole file (B-LTA).
    """
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    output = signers.PdfTimeStamper(timestamper).timestamp_pdf(writer, md_algorithm="sha256")
    return output.getvalue()


# --- verification -------------------------------------------------------------


def _failure(message: str, failure: str) -> Verification:
    return Verification(
        valid=False,
        intact=False,
        trusted=False,
        signer=None,
        signed_at=None,
        covers_whole_file=False,
        message=message,
        failure=failure,
    )


def _common_name(cert) -> str:
    name = cert.subject.native.get("common_name")
    if isinstance(name, list):
        name = ", ".join(name)
    return name or cert.subject.human_friendly


def _timestamp_time(embedded) -> dt.datetime | None:
    """The time in the signature's RFC 3161 timestamp token (unverified here)."""
    unsigned = embedded.signer_info["unsigned_attrs"]
    if not unsigned.native:
        return None
    for attribute in unsigned:
        if attribute["type"].native == "signature_time_stamp_token":
            token = attribute["values"][0]["content"]
            return token["encap_content_info"]["content"].parsed["gen_time"].native
    return None


# What each of pyHanko's ModificationLevel names is called here (by name: pyHanko is
# imported by the functions that sign or verify, not by this module).
CHANGE_NAMES = {
    "NONE": "none",
    "LTA_UPDATES": "none",
    "FORM_FILLING": "form_filling",
    "ANNOTATIONS": "annotations",
    "OTHER": "other",
}


def _change_name(level) -> str:
    return CHANGE_NAMES.get(getattr(level, "name", None), "none")


def verify_pdf(pdf: bytes, trust_roots, crls=()) -> Verification:
    """Check every signature and document timestamp in ``pdf`` offline.

    Each signature is validated at the time its timestamp proves (or now, if it
    has none) with the revocation data embedded in the document plus ``crls``:
    an expired certificate does not invalidate a signature made while it was
    valid. Valid means all are intact and trusted, nothing but form filling
    happened after any signature, and the last one covers the whole file.

    Never raises for bad PDF input (unreadable, unsigned, malformed signature):
    that is a ``valid=False`` result with a message. Unreadable trust root
    files do raise, since that is a configuration error.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import (
        DocumentSecurityStore,
        SignatureCoverageLevel,
        validate_pdf_signature,
        validate_pdf_timestamp,
    )

    roots = load_certificates(trust_roots)
    local_crls = load_crls(crls)
    try:
        reader = PdfFileReader(io.BytesIO(pdf))  # strict: no guessing at broken files
        embedded_all = reader.embedded_signatures
        dss = DocumentSecurityStore.read_dss(reader) if "/DSS" in reader.root else None
    except Exception as exc:  # pyHanko raises many kinds of errors on garbage
        logger.info("Unreadable PDF: %r", exc)
        # The parser's words ("Illegal generation 65536...") are for the log, not the citizen.
        return _failure(
            _(
                "Berkas ini bukan PDF yang dapat dibaca. Unggah berkas PDF izin persis seperti "
                "yang Anda terima dari kantor."
            ),
            "unreadable",
        )
    if not [e for e in embedded_all if e.sig_object.get("/Type") != "/DocTimeStamp"]:
        return _failure("The PDF has no signature.", "unsigned")

    checks = []
    last_status = None
    for embedded in embedded_all:
        now_context = validation_context(roots, local_crls, dss=dss)
        try:
            if embedded.sig_object.get("/Type") == "/DocTimeStamp":
                status = validate_pdf_timestamp(embedded, validation_context=now_context)
                checks.append(
                    SignatureCheck(
                        field_name=embedded.field_name,
                        kind="timestamp",
                        signer=_common_name(status.signing_cert),
                        intact=status.intact and status.valid,
                        trusted=status.trusted,
                        timestamped_at=status.timestamp,
                        certified=False,
                        changes_after=_change_name(status.modification_level),
                    )
                )
            else:
                at = _timestamp_time(embedded)
                signer_context = validation_context(roots, local_crls, moment=at, dss=dss)
                status = validate_pdf_signature(
                    embedded,
                    signer_validation_context=signer_context,
                    ts_validation_context=now_context,
                )
                checks.append(
                    SignatureCheck(
                        field_name=embedded.field_name,
                        kind="signature",
                        signer=_common_name(status.signing_cert),
                        intact=status.intact and status.valid,
                        trusted=status.trusted
                        and (
                            status.timestamp_validity is None or status.timestamp_validity.trusted
                        ),
                        timestamped_at=at,
                        certified=embedded.docmdp_level is not None,
                        changes_after=_change_name(status.modification_level),
                        problem=", ".join(
                            sorted({p.name for p in [status.trust_problem_indic] if p is not None})
                        ),
                    )
                )
        except Exception as exc:
            logger.info("Signature %s cannot be validated: %r", embedded.field_name, exc)
            return _failure(
                f"Signature {embedded.field_name!r} cannot be checked ({exc}).", "unchecked"
            )
        last_status = status

    signatures = [c for c in checks if c.kind == "signature"]
    first = signatures[0]
    intact = all(c.intact for c in checks)
    trusted = all(c.trusted for c in checks)
    allowed = all(c.changes_after in ("none", "form_filling") for c in checks)
    covers_whole_file = last_status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    valid = intact and trusted and allowed and covers_whole_file
    if valid:
        message = f"Valid signature, signed by: {first.signer}"
    else:
        message = _explain(checks, intact=intact, trusted=trusted, whole=covers_whole_file)
    signed_at = first.timestamped_at
    return Verification(
        valid=valid,
        intact=intact,
        trusted=trusted,
        signer=first.signer,
        signed_at=signed_at.astimezone(dt.UTC) if signed_at else None,
        covers_whole_file=covers_whole_file,
        message=message,
        signatures=tuple(checks),
    )


def _explain(checks, *, intact: bool, trusted: bool, whole: bool) -> str:
    problems = []
    if not intact:
        problems.append("the signed content was altered or the signature is corrupt")
    if not trusted:
        reasons = sorted({c.problem for c in checks if c.problem})
        detail = f" ({', '.join(reasons)})" if reasons else ""
        problems.append(f"the signer's certificate is not trusted{detail}")
    changed = [c.field_name for c in checks if c.changes_after not in ("none", "form_filling")]
    if changed:
        problems.append(
            "the document was changed after signature "
            + ", ".join(changed)
            + " beyond form filling"
        )
    if not whole:
        problems.append("the file was changed after it was signed")
    if not problems:
        problems.append("the signature does not meet the signing policy")
    return "Not valid: " + "; ".join(problems) + "."
