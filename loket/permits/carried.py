"""An online filing carried from the form to the check-your-answers page and back,
storing nothing on the server (docs/design.md "Check your answers").

The answers travel in a signed payload (django.core.signing, salted with the service
and the applicant, valid for CARRY_MAX_AGE); each chosen document travels beside it
as base64 in a hidden field, and the payload holds the document's name, size and
SHA-256, so a changed byte is refused. Nothing reaches storage, the database or a
sequence number until the applicant confirms; on confirm the answers go through the
form and the action's checks once more.
"""

import base64
import binascii
import hashlib

from django.core import signing

from loket.permits.actions import Upload

CARRY_MAX_AGE = 6 * 60 * 60  # seconds: a long form on a slow day, not for ever


class Tampered(Exception):
    """The payload or a carried document is not what this server signed."""


class Expired(Exception):
    """The payload was signed too long ago."""


def salt(service, user):
    return f"loket.permits.apply:{service.pk}:{user.pk}"


def pack(data, uploads, salt):
    """(signed payload, [(hidden field name, base64)]) for the form `data` (strings
    by field name) and the Upload objects."""
    files = [
        [u.requirement, u.name, len(u.data), hashlib.sha256(u.data).hexdigest()] for u in uploads
    ]
    payload = signing.dumps({"d": data, "f": files}, salt=salt, compress=True)
    hidden = [(field_name(u.requirement), base64.b64encode(u.data).decode()) for u in uploads]
    return payload, hidden


def unpack(payload, post, salt):
    """(form data, {requirement code: Upload}) from a payload and the POST carrying
    its documents; Tampered or Expired."""
    try:
        content = signing.loads(payload, salt=salt, max_age=CARRY_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise Expired from exc
    except signing.BadSignature as exc:
        raise Tampered from exc
    held = {}
    for code, name, size, digest in content["f"]:
        try:
            data = base64.b64decode(post.get(field_name(code), ""), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Tampered from exc
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            raise Tampered
        held[code] = Upload(requirement=code, name=name, data=data)
    return content["d"], held


def field_name(code):
    return f"held_{code}"
