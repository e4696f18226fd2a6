"""Where an officer's signing key lives, behind one interface.

* :class:`LocalBackend`: the key is a PKCS#12 file per officer, encrypted with a
  passphrase only the officer knows and types at signing. The server stores the
  encrypted file, never the passphrase.
* :class:`BsreBackend`: the key is held by BSrE's signing service (Esign Client
  API v2); the officer's NIK and their passphrase or one-time code (TOTP from
  the BeSign app) are sent with the document, and the signed PDF comes back.

Both take the signer's secret as a :class:`Secret`, which never shows its value
in a repr, a log line or a traceback's locals dump.
"""

import base64
import io
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path

from loket.lib.signing import Appearance, WrongSecret, load_pkcs12_signer, sign_with_signer

logger = logging.getLogger(__name__)

PASSPHRASE, TOTP = "passphrase", "totp"


class SigningUnavailable(Exception):
    """The key or the signing service cannot be used now (missing file, service down)."""


class NotRegistered(Exception):
    """The signing service does not know this signer (no certificate for the NIK)."""


@dataclass(frozen=True)
class Secret:
    """What only the signer knows: a passphrase, or a one-time code."""

    kind: str
    value: str = field(repr=False)

    def __post_init__(self):
        if self.kind not in (PASSPHRASE, TOTP):
            raise ValueError(f"Unknown kind of secret: {self.kind}")

    def __bool__(self):
        return bool(self.value)


@dataclass(frozen=True)
class Credential:
    """Which key signs: a local key file, or an identity (NIK) at the signing service."""

    key_file: str = ""
    identity: str = ""


class LocalBackend:
    name = "local"
    secret_kinds = (PASSPHRASE,)

    def __init__(self, timestamper=None):
        self.timestamper = timestamper

    def sign(self, pdf: bytes, credential: Credential, secret: Secret, appearance: Appearance):
        """Sign with the officer's own PKCS#12; WrongSecret if the passphrase does not open it.

        A certification signature (form filling allowed), timestamped.
        """
        if secret.kind != PASSPHRASE or not secret:
            raise WrongSecret("A passphrase is needed.")
        key_file = Path(credential.key_file)
        if not key_file.is_file():
            raise SigningUnavailable(f"No key file {key_file.name}.")
        signer = load_pkcs12_signer(key_file, secret.value)  # WrongSecret if it does not open
        try:
            return sign_with_signer(
                pdf, signer, appearance, timestamper=self.timestamper, certify=True
            )
        except Exception as exc:
            # Most often the timestamp authority did not answer: nothing was signed.
            logger.warning("Local signing failed: %r", exc)
            raise SigningUnavailable(f"Signing failed ({type(exc).__name__}).") from exc


# --- BSrE Esign Client API v2 -------------------------------------------------

# The application codes of the Esign Client's error answers.
BSRE_WRONG_PASSPHRASE = 2031
BSRE_NOT_REGISTERED = 2011
BSRE_NO_CERTIFICATE = 2021


@dataclass(frozen=True)
class BsreSettings:
    base_url: str
    username: str
    password: str = field(repr=False)
    timeout: float = 60.0
    visible: bool = True


class BsreBackend:
    """A client of the BSrE Esign Client API v2 (HTTP Basic auth, multipart uploads).

    Paths: ``POST /api/v2/sign/pdf`` (``nik``, ``passphrase`` or ``totp``,
    ``signatureProperties[]``, ``file[]``; answers ``{"time", "file": [base64]}``),
    ``POST /api/v2/sign/get/totp`` (``nik``, ``data``), ``POST
    /api/v2/user/check/status`` (``nik``; answers ``status`` ISSUE,
    NOT_REGISTERED, ...), ``GET /api/v2/user/certificate/chain/{nik}``,
    ``POST /api/v2/verify/pdf`` (``file``). Errors are JSON with
    ``status_code`` and ``error`` (2031: wrong passphrase; 2011: not registered).
    A sign request is never retried: after a timeout the outcome is unknown.
    """

    name = "bsre"
    secret_kinds = (PASSPHRASE, TOTP)

    def __init__(self, settings: BsreSettings, session=None):
        import requests

        self.settings = settings
        self.session = session or requests.Session()
        self.session.auth = (settings.username, settings.password)

    def _url(self, path):
        return self.settings.base_url.rstrip("/") + path

    def _post(self, path, **kwargs):
        import requests

        try:
            response = self.session.post(self._url(path), timeout=self.settings.timeout, **kwargs)
        except requests.RequestException as exc:
            # Never the request body in a log: it carries the secret.
            logger.warning("BSrE %s failed: %s", path, type(exc).__name__)
            raise SigningUnavailable(f"The signing service did not answer ({path}).") from exc
        return response

    @staticmethod
    def _json(response):
        try:
            return response.json()
        except ValueError:
            return {}

    def _raise_for(self, response, path):
        body = self._json(response)
        code = body.get("status_code")
        if code == BSRE_WRONG_PASSPHRASE:
            raise WrongSecret(body.get("error") or "Passphrase anda salah")
        if code in (BSRE_NOT_REGISTERED, BSRE_NO_CERTIFICATE):
            raise NotRegistered(body.get("error") or body.get("message") or str(code))
        if response.status_code == 401:
            raise SigningUnavailable("The signing service refused Loket's credentials (HTTP 401).")
        logger.warning("BSrE %s answered HTTP %s code %s", path, response.status_code, code)
        raise SigningUnavailable(
            f"The signing service answered HTTP {response.status_code} ({code or 'no code'})."
        )

    def signature_properties(self, appearance: Appearance) -> dict:
        if not self.settings.visible or appearance.box is None:
            return {"tampilan": "INVISIBLE"}
        x1, y1, x2, y2 = appearance.box
        return {
            "tampilan": "VISIBLE",
            "imageBase64": base64.b64encode(stamp_png(appearance.stamp_lines)).decode(),
            "page": 1,
            "originX": round(x1, 2),
            "originY": round(y1, 2),
            "width": round(x2 - x1, 2),
            "height": round(y2 - y1, 2),
            "location": appearance.location,
            "reason": appearance.reason,
            "contactInfo": "",
        }

    def sign(self, pdf: bytes, credential: Credential, secret: Secret, appearance: Appearance):
        """Send the document and the signer's secret; the signed PDF comes back.

        The service must return our exact document with a signature appended
        (an incremental update); anything else is refused.
        """
        if not secret:
            raise WrongSecret("A passphrase or one-time code is needed.")
        path = "/api/v2/sign/pdf"
        response = self._post(
            path,
            data={
                "nik": credential.identity,
                secret.kind: secret.value,
                "signatureProperties[]": json.dumps(self.signature_properties(appearance)),
            },
            files={"file[]": ("dokumen.pdf", pdf, "application/pdf")},
        )
        if response.status_code != 200:
            self._raise_for(response, path)
        files = self._json(response).get("file") or []
        if len(files) != 1:
            raise SigningUnavailable("The signing service returned no signed file.")
        try:
            signed = base64.b64decode(files[0], validate=True)
        except ValueError as exc:
            raise SigningUnavailable("The signing service returned an unreadable file.") from exc
        if not signed.startswith(pdf) or len(signed) == len(pdf):
            raise SigningUnavailable(
                "The signing service returned a file that is not the document sent, signed."
            )
        return signed

    def request_totp(self, identity: str) -> None:
        """Ask the service to send the signer a one-time code (``data``: 1 code)."""
        path = "/api/v2/sign/get/totp"
        response = self._post(path, json={"nik": identity, "data": 1})
        if response.status_code != 200 or self._json(response).get("success") is False:
            self._raise_for(response, path)

    def user_status(self, identity: str) -> str:
        """ISSUE (has a usable certificate), NOT_REGISTERED, NO_CERTIFICATE, EXPIRED, ..."""
        path = "/api/v2/user/check/status"
        response = self._post(path, json={"nik": identity})
        if response.status_code != 200:
            self._raise_for(response, path)
        return str(self._json(response).get("status") or "")

    def certificate_chain(self, identity: str) -> list[str]:
        """The signer's certificate first, then its issuers (PEM or base64 DER strings)."""
        import requests

        path = f"/api/v2/user/certificate/chain/{identity}"
        try:
            response = self.session.get(self._url(path), timeout=self.settings.timeout)
        except requests.RequestException as exc:
            raise SigningUnavailable("The signing service did not answer.") from exc
        body = self._json(response)
        if response.status_code != 200 or not body.get("success"):
            self._raise_for(response, "/api/v2/user/certificate/chain")
        return list(body.get("data") or [])

    def verify(self, pdf: bytes) -> dict:
        path = "/api/v2/verify/pdf"
        response = self._post(path, files={"file": ("dokumen.pdf", pdf, "application/pdf")})
        if response.status_code != 200:
            self._raise_for(response, path)
        return self._json(response)


def stamp_png(lines) -> bytes:
    """The visible stamp as an image (the Esign API draws an image, not text)."""
    from PIL import Image, ImageDraw, ImageFont

    from loket.lib.signing import FONT_FILE

    font = ImageFont.truetype(str(FONT_FILE), 22)
    image = Image.new("RGB", (720, 210), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 719, 209), outline="black", width=3)
    for n, line in enumerate(lines):
        draw.text((14, 12 + n * 32), line, fill="black", font=font)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
