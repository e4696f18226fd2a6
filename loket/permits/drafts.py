"""The permit's documents: the draft (blanko) printed at the draft step."""

from django.utils import timezone

from loket.lib.pdf import render_pdf


def permit_context(application, number=None):
    spec = application.spec
    office = application.office
    return {
        "application": application,
        "applicant": application.applicant,
        "office": office,
        "standard": spec.data,
        "legal_basis": next(
            (c.get("items") or [] for c in spec.components() if c["key"] == "dasar_hukum"), []
        ),
        "number": number,
        "today": timezone.localdate(),
    }


def render_draft(application):
    """The un-initialled draft: the permit's text with no number and no signature."""
    return render_pdf("permits/pdf/permit.html", permit_context(application) | {"draft": True})
