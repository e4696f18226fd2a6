"""Indonesian phone numbers: one stored form (E.164, +62...) whatever way people type them."""

from __future__ import annotations

import re

import phonenumbers
from django.utils.translation import gettext as _

__all__ = ["PhoneError", "mask_phone", "normalize_phone"]

DEFAULT_REGION = "ID"
_COUNTRY_PREFIX = "+62"

# phonenumbers turns letters into keypad digits ("0812-FLOWERS") and reads "ext."; neither
# belongs in a number we will send SMS to, so only digits and common separators pass.
_ALLOWED = re.compile(r"[0-9+\-(). /\s]*")


class PhoneError(ValueError):
    """A phone number that cannot be used; args[0] says why, in words fit for the applicant."""


def _invalid() -> PhoneError:
    return PhoneError(
        _(
            "Nomor telepon tidak valid. Tulis nomor Indonesia, misalnya 0812-3456-7890 "
            "atau +62 812-3456-7890."
        )
    )


def normalize_phone(raw: str) -> str:
    """The number in E.164 form (+62...), raising PhoneError if it is not a valid Indonesian one."""
    if not isinstance(raw, str) or not raw.strip():
        raise PhoneError(_("Nomor telepon wajib diisi."))
    if not _ALLOWED.fullmatch(raw):
        raise PhoneError(
            _(
                "Nomor telepon hanya boleh berisi angka, spasi, tanda +, tanda hubung, "
                "titik dan tanda kurung."
            )
        )
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise _invalid() from exc
    if number.country_code != 62:
        raise PhoneError(_("Hanya nomor telepon Indonesia (+62) yang diterima."))
    if not phonenumbers.is_valid_number(number):
        raise _invalid()
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(phone: str) -> str:
    """+6281234567890 as +62812*****890: the country code, then 3 digits and the last 3 shown.

    Never raises, because masking happens where a bad value must still be shown safely:
    anything that is not a valid number comes back fully hidden.
    """
    try:
        e164 = normalize_phone(phone)
    except PhoneError:
        return "*" * len(str(phone).strip())
    national = e164[len(_COUNTRY_PREFIX) :]
    if len(national) < 7:
        return _COUNTRY_PREFIX + "*" * len(national)
    return _COUNTRY_PREFIX + national[:3] + "*" * (len(national) - 6) + national[-3:]
