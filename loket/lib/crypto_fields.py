"""Personal data encrypted at rest: a model field, and a keyed hash to find it again.

NIK and phone numbers are stored as Fernet tokens (AES-128-CBC with HMAC-SHA256, from
the `cryptography` package) under the keys of ``settings.FIELD_ENCRYPTION_KEYS``: the
first one encrypts, every one decrypts (MultiFernet). A key is rotated by putting the
new one first, running ``manage.py rotate_field_keys`` (which rewrites every value under
it), then removing the old one.

A token never equals another token of the same value (each has a random IV), so an
exact-match lookup uses a column of its own holding HMAC-SHA256 of the value under
``settings.FIELD_HASH_KEY`` (:func:`keyed_hash`): without that key nobody can test
guessed NIKs against the column, though NIKs are few enough to be guessed.

Without keys in the environment both derive from SECRET_KEY. That is for the demo
only: ``check --deploy`` warns (loket.W002), and changing SECRET_KEY would then make
every stored value unreadable.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import models
from django.db.models.lookups import Exact, IsNull

__all__ = [
    "PREFIX",
    "EncryptedCharField",
    "UndecryptableValue",
    "decrypt",
    "encrypt",
    "encryption_keys",
    "is_encrypted",
    "keyed_hash",
    "nik_hash",
    "phone_hash",
    "reencrypt",
    "uses_development_keys",
]

# Marks a stored token, so a value written before encryption (plain text) is still read
# as itself and `rotate_field_keys` can find it and encrypt it.
PREFIX = "enc1:"


class UndecryptableValue(Exception):
    """A stored token none of FIELD_ENCRYPTION_KEYS opens (a key removed too early?)."""


def _derived(label):
    digest = hashlib.sha256(f"loket:{label}:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest)


def _configured_keys():
    return [str(k).strip() for k in getattr(settings, "FIELD_ENCRYPTION_KEYS", None) or [] if k]


def uses_development_keys():
    """True when either key is the SECRET_KEY-derived demo default."""
    return not _configured_keys() or not str(getattr(settings, "FIELD_HASH_KEY", "") or "")


def encryption_keys():
    """The Fernet keys, newest (the one that encrypts) first."""
    return [k.encode() for k in _configured_keys()] or [_derived("field-encryption")]


def _hash_key():
    configured = str(getattr(settings, "FIELD_HASH_KEY", "") or "")
    return configured.encode() if configured else _derived("field-hash")


@functools.lru_cache(maxsize=8)
def _fernet(keys):
    return MultiFernet([Fernet(k) for k in keys])


def _current():
    # Keyed by the keys themselves, so a test's override_settings gets its own.
    return _fernet(tuple(encryption_keys()))


def is_encrypted(stored):
    return isinstance(stored, str) and stored.startswith(PREFIX)


def encrypt(value):
    """The token stored for `value`; a blank value stays blank (nothing to hide)."""
    if value is None or value == "":
        return value
    return PREFIX + _current().encrypt(str(value).encode()).decode("ascii")


def decrypt(stored):
    """The value behind a stored token; plain (not yet encrypted) text comes back as is."""
    if not is_encrypted(stored):
        return stored
    try:
        return _current().decrypt(stored[len(PREFIX) :].encode("ascii")).decode()
    except (InvalidToken, ValueError) as exc:
        raise UndecryptableValue(
            "a stored value cannot be decrypted with FIELD_ENCRYPTION_KEYS"
        ) from exc


def reencrypt(stored):
    """The same value under the first key (plain text gets encrypted); blank stays blank."""
    if stored is None or stored == "":
        return stored
    if not is_encrypted(stored):
        return encrypt(stored)
    token = _current().rotate(stored[len(PREFIX) :].encode("ascii"))
    return PREFIX + token.decode("ascii")


def keyed_hash(value, purpose):
    """HMAC-SHA256 (hex) of `value` under FIELD_HASH_KEY; `purpose` keeps NIK hashes and
    phone hashes apart, so one cannot be matched against the other."""
    message = f"{purpose}\x00{value}".encode()
    return hmac.new(_hash_key(), message, hashlib.sha256).hexdigest()


def nik_hash(nik):
    """The lookup hash of a NIK (as typed: surrounding spaces do not count)."""
    return keyed_hash(str(nik).strip(), "nik")


def phone_hash(phone):
    """The lookup hash of a phone number in its E.164 form, whatever way it was typed;
    blank for no number."""
    from loket.lib.phones import PhoneError, normalize_phone

    raw = str(phone or "").strip()
    if not raw:
        return ""
    try:
        raw = normalize_phone(raw)
    except PhoneError:
        pass
    return keyed_hash(raw, "phone")


class _BlankOnlyExact(Exact):
    """`field=""` still works (is there a value at all?); any other value cannot match a
    token, so asking for one is a programming error, not an empty result."""

    def get_prep_lookup(self):
        if self.rhs not in ("", None):
            raise FieldError(
                f"{self.lhs.output_field.name} is encrypted: look it up by its keyed hash"
            )
        return super().get_prep_lookup()


class EncryptedCharField(models.CharField):
    """A CharField whose value is stored encrypted (see the module's docstring).

    ``max_length`` bounds the plain value (forms and validation); the column is text,
    because a token is about four times longer than what it hides.
    """

    description = "Text stored encrypted"

    def get_internal_type(self):
        return "TextField"

    def from_db_value(self, value, expression, connection):
        try:
            return decrypt(value)
        except UndecryptableValue as exc:
            raise UndecryptableValue(
                f"{self.model.__name__}.{self.name}: {exc} (was its key removed?)"
            ) from exc

    def get_db_prep_save(self, value, connection):
        value = super().get_db_prep_save(value, connection)
        return encrypt(value) if isinstance(value, str) else value

    def get_lookup(self, lookup_name):
        return {"exact": _BlankOnlyExact, "isnull": IsNull}.get(lookup_name)
