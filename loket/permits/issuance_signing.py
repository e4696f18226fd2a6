"""The signer's own act (step 7) and the numbered, long-term-valid permit (step 8).

Step 7: the Kepala Dinas (or a Plt/Plh, recorded as such) sees the exact
document (:func:`document_to_sign`, its SHA-256 on the page), confirms, and
types the secret only they hold. :func:`sign_document` signs with *their* active
certificate, through the configured backend: a certification signature that
allows form filling, with an RFC 3161 timestamp. Nothing else in Loket calls a
backend's ``sign``: no other role, job or API can make this signature.

Step 8: :func:`finish_permit` fills the number and date fields (a change the
certification allows), embeds the validation data (certificates, CRLs) and adds
a document timestamp over the whole file: PAdES B-LTA. No officer key is used.
See docs/issuance.md for the legal reasoning.
"""

import base64
import hashlib
import hmac
import logging
from pathlib import Path

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from loket.core.errors import Conflict, Invalid, NotAllowed
from loket.core.storage import read_private, store_private
from loket.lib import demo_ca
from loket.lib.pdf import render_pdf_with_boxes
from loket.lib.qr import qr_svg_data_uri
from loket.lib.signing import (
    Appearance,
    TextField,
    WrongSecret,
    add_text_fields,
    add_validation_data,
    fill_text_fields,
    load_certificates,
    load_crls,
    pdf_sha256,
    timestamp_document,
    validation_context,
    verify_pdf,
)
from loket.lib.signing_backends import (  # noqa: F401 - Credential is part of this API
    BsreBackend,
    BsreSettings,
    Credential,
    LocalBackend,
    NotRegistered,
    Secret,
    SigningUnavailable,
)
from loket.permits import drafts
from loket.permits.models import Approval, SignatureAct, SigningCertificate

logger = logging.getLogger(__name__)

NUMBER_FIELD, DATE_FIELD = "nomor-izin", "tanggal-izin"
SIGNATURE_BOX_ID = "ttd-elektronik"
CAPACITY_PREFIX = {SignatureAct.SELF: "", SignatureAct.PLT: "Plt. ", SignatureAct.PLH: "Plh. "}


# --- configuration -------------------------------------------------------------


def demo_authority():
    return demo_ca.DemoCa(Path(settings.SIGNING_DEMO_CA_DIR))


def key_dir():
    return Path(settings.SIGNING_KEY_DIR or Path(settings.SIGNING_DEMO_CA_DIR) / "officers")


def timestamper():
    """The configured RFC 3161 TSA: a URL in production, the demo TSA otherwise."""
    if settings.SIGNING_TSA_URL:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        auth = None
        if settings.SIGNING_TSA_USER:
            auth = (settings.SIGNING_TSA_USER, settings.SIGNING_TSA_PASSWORD)
        return HTTPTimeStamper(settings.SIGNING_TSA_URL, auth=auth)
    ca = demo_authority()
    if not ca.exists():
        raise SigningUnavailable("No timestamp authority: set SIGNING_TSA_URL or make_demo_pki.")
    return demo_ca.demo_timestamper(ca)


def crl_files(refresh=False):
    """Local CRL files: SIGNING_CRLS, and the demo CA's (re-issued daily when
    ``refresh``, i.e. when a permit is issued; a verification only reads it)."""
    files = list(settings.SIGNING_CRLS)
    ca = demo_authority()
    if not settings.SIGNING_TSA_URL and ca.exists():
        if refresh:
            demo_ca.refresh_crl(ca)
        if ca.crl_path.is_file():
            files.append(ca.crl_path)
    return files


def backend(name=None):
    name = name or settings.SIGNATURE_BACKEND
    if name == SigningCertificate.BSRE:
        return BsreBackend(
            BsreSettings(
                base_url=settings.BSRE_BASE_URL,
                username=settings.BSRE_USERNAME,
                password=settings.BSRE_PASSWORD,
                timeout=settings.BSRE_TIMEOUT,
                visible=settings.BSRE_VISIBLE,
            )
        )
    return LocalBackend(timestamper=timestamper())


def verify(pdf):
    return verify_pdf(pdf, settings.SIGNING_TRUST_ROOTS, crl_files())


# --- the document the signer sees ---------------------------------------------------


def verify_code_for(application, draft):
    """The permit's public verification code, fixed before signing (it is in the QR
    code the signer signs): a keyed hash of the file and its draft, unguessable."""
    message = f"verify:{application.pk}:{draft.sha256 if draft else ''}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    # Base32: no "-" or "_" that a reader or pdftotext could take for a hyphenation.
    return base64.b32encode(digest).decode().lower()[:12]


def verify_url(code):
    from django.urls import reverse

    return settings.SITE_URL + reverse("verify", args=[code])


def signer_title(office, capacity):
    return CAPACITY_PREFIX.get(capacity, "") + "Kepala " + office.name


def _certificate_of(user):
    return (
        SigningCertificate.objects.filter(officer=user, status=SigningCertificate.ACTIVE)
        .order_by("-pk")
        .first()
    )


def document_to_sign(application, signer, capacity=""):
    """The exact PDF the signer reads: the permit with its QR code and e-signature
    note, and empty places for the number and date. Deterministic, so the page that
    shows its SHA-256 and the action that signs it see the same bytes; the signed
    file begins with exactly these bytes (the fields are appended to them).

    Returns ``(pdf, boxes, verify_code)``."""
    draft = application.drafts.first()
    code = verify_code_for(application, draft)
    office = application.office
    context = drafts.permit_context(application) | {
        "qr": qr_svg_data_uri(verify_url(code)),
        "verify_url": verify_url(code),
        "fields": True,
        "signer_name": signer.get_full_name() or signer.get_username(),
        "signer_title": signer_title(office, capacity),
        "capacity": capacity,
        "authority": settings.SIGNING_AUTHORITY,
    }
    with translation.override("id"):  # a legal document: Indonesian, whoever signs
        pdf, boxes = render_pdf_with_boxes("permits/pdf/permit.html", context)
    return pdf, boxes, code


# The filled-in text sits on the bottom of its field; the field's box (from the
# layout) reaches below the baseline of its line by about this much, so it is raised
# and the number sits on the line of "Nomor:".
FIELD_RAISE = 3.5


def with_fields(pdf, boxes):
    """The document with the empty number and date fields step 8 fills in."""

    def place(name):
        x1, y1, x2, y2 = boxes[name]
        return TextField(name, (x1, y1 + FIELD_RAISE, x2, y2 + FIELD_RAISE))

    return add_text_fields(pdf, [place(NUMBER_FIELD), place(DATE_FIELD)])


def _appearance(application, signer, capacity, box, certificate):
    office = application.office
    name = signer.get_full_name() or signer.get_username()
    when = timezone.localtime().strftime("%d-%m-%Y %H:%M %Z")
    return Appearance(
        reason=f"{signer_title(office, capacity)}: penerbitan izin {application.reg_number}",
        location=office.city,
        name=name,
        box=box,
        stamp_lines=(
            "Ditandatangani secara elektronik oleh",
            name,
            *_wrap(signer_title(office, capacity), 48),
            when,
            *_wrap(f"Sertifikat: {certificate.issuer}", 48),
        ),
    )


def _wrap(text, width):
    import textwrap

    return tuple(textwrap.wrap(text, width)) or ("",)


def check_signer_can_sign(application, user, now):
    """The signer's own, active, unexpired certificate, or why they cannot sign."""
    certificate = _certificate_of(user)
    if certificate is None:
        raise Invalid(
            _(
                "Anda belum memiliki sertifikat tanda tangan elektronik pribadi. "
                "Administrator mendaftarkannya (enrol_signing_certificate)."
            ),
            {"certificate": _("Belum ada sertifikat.")},
        )
    if certificate.office_id != application.office_id:
        raise NotAllowed(_("Sertifikat Anda terdaftar untuk kantor lain."))
    if not certificate.not_before <= now <= certificate.not_after:
        raise Invalid(
            _("Sertifikat tanda tangan elektronik Anda tidak berlaku (berakhir %(date)s).")
            % {"date": formats.date_format(timezone.localtime(certificate.not_after).date())},
            {"certificate": _("Sertifikat tidak berlaku.")},
        )
    return certificate


# --- step 7: the signer's own act ------------------------------------------------------


def sign_document(
    application,
    step,
    user,
    now,
    files,
    *,
    document_sha256="",
    secret=None,
    capacity="",
    confirmed=False,
):
    """Sign the exact document shown to ``user`` with ``user``'s own key and secret.

    Called only from step 7's action (the caller has checked that ``user`` holds
    the step's role). A wrong secret raises Invalid: nothing is signed, stored or
    recorded. ``secret`` never reaches a log, the database or the audit trail.
    """
    if capacity not in CAPACITY_PREFIX:
        raise Invalid(_("Pilih jabatan penandatangan."), {"capacity": _("Tidak dikenal.")})
    if not confirmed:
        raise Invalid(
            _("Centang pernyataan bahwa Anda telah membaca dokumen dan menandatanganinya."),
            {"confirmed": _("Wajib dicentang.")},
        )
    if not isinstance(secret, Secret) or not secret:
        raise Invalid(
            _("Ketik passphrase atau kode sekali pakai Anda untuk menandatangani."),
            {"secret": _("Wajib diisi.")},
        )
    certificate = check_signer_can_sign(application, user, now)
    draft = application.drafts.first()
    pdf, boxes, code = document_to_sign(application, user, capacity)
    digest = pdf_sha256(pdf)
    if document_sha256 != digest:
        raise Conflict(
            _("Dokumen telah berubah sejak Anda membukanya. Periksa lagi dokumen yang baru.")
        )
    chosen = backend(certificate.backend)
    if secret.kind not in chosen.secret_kinds:
        raise Invalid(_("Jenis rahasia ini tidak dipakai layanan tanda tangan ini."))
    credential = Credential(key_file=certificate.key_file, identity=certificate.identity)
    appearance = _appearance(application, user, capacity, boxes[SIGNATURE_BOX_ID], certificate)
    try:
        signed = chosen.sign(with_fields(pdf, boxes), credential, secret, appearance)
    except WrongSecret as exc:
        raise Invalid(
            _("Passphrase atau kode salah. Dokumen tidak ditandatangani."),
            {"secret": _("Salah.")},
        ) from exc
    except (SigningUnavailable, NotRegistered) as exc:
        logger.warning("Signing unavailable for certificate %s: %s", certificate.pk, exc)
        raise Invalid(
            _("Layanan tanda tangan elektronik tidak dapat dipakai sekarang: %(why)s")
            % {"why": str(exc)},
            {"signing": str(exc)},
        ) from exc
    _check_made_with(signed, certificate)
    name, signed_digest = store_private(signed, "pdf")
    files.append(name)
    approval = Approval.objects.create(
        application=application,
        step_no=step.no,
        kind=Approval.SIGNATURE,
        draft=draft,
        draft_sha256=draft.sha256 if draft else "",
        officer=user,
        at=now,
    )
    SignatureAct.objects.create(
        application=application,
        approval=approval,
        certificate=certificate,
        capacity=capacity,
        document_sha256=digest,
        stored_name=name,
        sha256=signed_digest,
        verify_code=code,
        signed_at=now,
    )
    return {
        "draft_sha256": draft.sha256 if draft else "",
        "document_sha256": digest,
        "certificate": certificate.serial,
        "capacity": capacity,
    }


def _check_made_with(signed, certificate):
    """The returned file must carry a valid signature by exactly this certificate."""
    import io

    from pyhanko.pdf_utils.reader import PdfFileReader

    result = verify(signed)
    embedded = PdfFileReader(io.BytesIO(signed)).embedded_regular_signatures
    made_with = embedded[-1].signer_cert.sha256.hex() if embedded else ""
    if not (result.intact and result.trusted) or made_with != certificate.fingerprint:
        raise Invalid(
            _("Tanda tangan yang dihasilkan tidak sah atau bukan dari sertifikat Anda."),
            {"signing": result.message},
        )


def current_act(application):
    """Step 7's signature on the current draft; Conflict if there is none."""
    draft = application.drafts.first()
    digest = draft.sha256 if draft is not None else ""
    act = (
        SignatureAct.objects.filter(application=application)
        .select_related("approval__officer", "certificate")
        .first()
    )
    if act is None or act.approval.draft_sha256 != digest:
        raise Conflict(
            _("Kepala Dinas belum menandatangani draf yang berlaku; izin belum dapat diberi nomor.")
        )
    return act


# --- step 8: number, date, validation data, document timestamp -----------------------


def finish_permit(act, number, issued_on):
    """The issued file: the signed document with number and date filled in (form
    filling, allowed by the certification), the validation data of every signature,
    and a document timestamp covering everything (PAdES B-LTA)."""
    with translation.override("id"):
        shown_date = formats.date_format(issued_on, "j F Y")
    pdf = read_private(act.stored_name)
    pdf = fill_text_fields(pdf, {NUMBER_FIELD: number, DATE_FIELD: shown_date})
    roots = load_certificates(settings.SIGNING_TRUST_ROOTS)
    try:
        context = validation_context(
            roots, load_crls(crl_files(refresh=True)), fetch=settings.SIGNING_FETCH_REVOCATION
        )
        pdf = add_validation_data(pdf, context)
        pdf = timestamp_document(pdf, timestamper())
    except SigningUnavailable:
        raise
    except Exception as exc:
        # A TSA or revocation server that does not answer: nothing is issued.
        logger.warning("Finishing the permit failed: %r", exc)
        raise SigningUnavailable(str(exc)) from exc
    return pdf
