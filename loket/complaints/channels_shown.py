"""The complaint channels citizens see in every page's footer (loket.core.identity).

The channels are the complaint registry's own (loket.complaints.models.CHANNELS),
each with the office's contact that serves it; a channel the office has no contact
for is not listed. Built from the office record alone: the footer costs no query.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from loket.complaints.models import CHANNELS, EMAIL, FAKS, INTERNET, LANGSUNG, SURAT, TELEPON


def _contact(code, office):
    """(text, link) of the office's contact for one channel."""
    if code in (LANGSUNG, SURAT):
        return office.full_address, ""
    if code == EMAIL:
        return office.email, f"mailto:{office.email}" if office.email else ""
    if code == TELEPON:
        return office.phone, ""
    if code == FAKS:
        return office.fax, ""
    if code == INTERNET:
        return _("Formulir pengaduan"), reverse("complaints:new")
    return "", ""


def complaint_channels(office):
    shown = []
    for code, label in CHANNELS:
        value, url = _contact(code, office)
        if value:
            shown.append({"code": code, "label": str(label), "value": value, "url": url})
    return shown
