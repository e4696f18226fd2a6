"""Masks for contact details on lists, exports and logs (the NIK's is loket.lib.nik's),
and `redact_personal` for free text that is published (Open311, public pages).

Like `mask_nik` and `mask_phone`, these never raise: a mask is applied where a bad
value must still be shown safely.
"""

import re

from loket.lib.phones import mask_phone

__all__ = ["mask_contact", "mask_email", "mask_for_log", "redact_personal"]

# What a citizen may type into a complaint that must not be published: an email
# address, a NIK (16 digits, maybe grouped 6-6-4), an Indonesian phone number (0 or
# +62, then 8-13 digits, maybe separated by spaces, dots or dashes).
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_NIK = re.compile(r"(?<!\d)\d{6}[\s.-]?\d{6}[\s.-]?\d{4}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])(?:\+62|62|0)[\s.-]?\(?\d{2,4}\)?(?:[\s.-]?\d){6,10}(?!\d)")


def redact_personal(text):
    """`text` with email addresses, NIKs and phone numbers replaced by a marker."""
    value = str(text or "")
    value = _EMAIL.sub("[email]", value)
    value = _NIK.sub("[NIK]", value)
    return _PHONE.sub("[telepon]", value)


def mask_email(email):
    """siti.aminah@example.org as s*********h@example.org: enough to recognise, not to use."""
    value = str(email or "").strip()
    local, at, domain = value.rpartition("@")
    if not at or not local:
        return "*" * len(value)
    if len(local) <= 2:
        return "*" * len(local) + "@" + domain
    return local[0] + "*" * (len(local) - 2) + local[-1] + "@" + domain


def mask_contact(value):
    """An email address or a phone number, masked as what it looks like."""
    value = str(value or "").strip()
    if not value:
        return ""
    return mask_email(value) if "@" in value else mask_phone(value)


# Secrets that travel in links: the tracking code of a file or complaint, an invitation
# token, in a query (?code=..., &token=...) or in the survey link's path (/u/<token>/).
_QUERY_SECRET = re.compile(r"(?i)\b((?:code|kode|token|tracking_code)=)[^&\s\"']+")
_PATH_SECRET = re.compile(r"(/survei/u/)[^/\s?\"']+")


def mask_for_log(text):
    """A log line with phone numbers and emails masked, NIKs and link secrets hidden."""
    value = str(text or "")
    value = _QUERY_SECRET.sub(r"\1***", value)
    value = _PATH_SECRET.sub(r"\1***", value)
    value = _EMAIL.sub(lambda m: mask_email(m.group(0)), value)
    value = _NIK.sub("[NIK]", value)
    return _PHONE.sub(lambda m: mask_phone(m.group(0)), value)
