"""The footer of every email Loket sends: the office's name, address, opening hours
and contacts, from the office record, in the message's language."""

from django.utils import translation
from django.utils.translation import gettext as _


def email_footer(office, language="id"):
    """Plain-text footer, after the conventional "-- " signature separator."""
    with translation.override(language):
        lines = ["-- ", office.name]
        if office.full_address:
            lines.append(office.full_address)
        lines.append(_("Jam layanan: %(hours)s") % {"hours": "; ".join(office.hours)})
        contacts = [
            (_("Telepon"), office.phone),
            ("WhatsApp", office.whatsapp),
            (_("Email"), office.email),
            (_("Situs web"), office.website),
        ]
        lines += [f"{label}: {value}" for label, value in contacts if value]
    return "\n".join(lines)
