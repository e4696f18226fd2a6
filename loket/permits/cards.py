"""Printable documents of a file: the control card and the receipt."""

from loket.lib.pdf import render_pdf, render_record_pdf
from loket.lib.qr import qr_svg_data_uri
from loket.permits.queries import card_rows


def control_card_pdf(application):
    return render_record_pdf(
        "permits/pdf/control_card.html",
        {"application": application, "card": card_rows(application), "spec": application.spec},
    )


def survey_link(application):
    """The SKM link of the file (printed on the receipt; it opens when the file is done)."""
    invitation = getattr(application, "survey_invitation", None)
    return invitation.public_url if invitation else ""


def receipt_pdf(application):
    url = survey_link(application)
    return render_pdf(
        "permits/pdf/receipt.html",
        {
            "application": application,
            "spec": application.spec,
            "requirements": application.documents.filter(replaced=False),
            "survey_url": url,
            "survey_qr": qr_svg_data_uri(url) if url else "",
        },
    )
