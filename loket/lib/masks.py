"""Masks for contact details on lists, exports and logs (the NIK's is loket.lib.nik's).

Like `mask_nik` and `mask_phone`, these never raise: a mask is applied where a bad
value must still be shown safely.
"""

from loket.lib.phones import mask_phone

__all__ = ["mask_contact", "mask_email"]


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
