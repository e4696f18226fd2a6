"""Printable documents of a file: the control card and the receipt."""

from loket.lib.pdf import render_pdf
from loket.permits.queries import card_rows


def control_card_pdf(application):
    return render_pdf(
        "permits/pdf/control_card.html",
        {"application": application, "card": card_rows(application), "spec": application.spec},
    )


def receipt_pdf(application):
    return render_pdf(
        "permits/pdf/receipt.html",
        {
            "application": application,
            "spec": application.spec,
            "requirements": application.documents.filter(replaced=False),
        },
    )
