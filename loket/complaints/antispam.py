"""Spam checks that need no third party: a honeypot field and a minimum fill time.

The form carries a signed timestamp of when it was shown; a bot that posts at once,
or fills the field people never see, is refused.
"""

from django.core import signing
from django.utils.translation import gettext as _

from loket.complaints.config import setting

SALT = "loket.complaints.form-shown"
HONEYPOT = "website"


def stamp():
    return signing.TimestampSigner(salt=SALT).sign("form")


def problem(data):
    """Why this submission looks automated, or None."""
    if data.get(HONEYPOT):
        return _("Formulir tidak dapat diterima.")
    signer = signing.TimestampSigner(salt=SALT)
    try:
        signer.unsign(data.get("stamp", ""), max_age=int(setting("COMPLAINTS_FORM_MAX_AGE", 7200)))
    except signing.SignatureExpired:
        return _("Formulir sudah terlalu lama terbuka. Muat ulang halaman lalu kirim lagi.")
    except signing.BadSignature:
        return _("Formulir tidak lengkap. Muat ulang halaman lalu kirim lagi.")
    minimum = float(setting("COMPLAINTS_MIN_FILL_SECONDS", 3))
    if minimum > 0:
        try:
            signer.unsign(data.get("stamp", ""), max_age=minimum)
        except signing.SignatureExpired:
            return None
        return _("Formulir terkirim terlalu cepat. Periksa isian Anda lalu kirim lagi.")
    return None
