"""The permit's documents: the draft (blanko) printed at the draft step."""

from django.utils import formats, timezone, translation

from loket.lib.pdf import render_record_pdf
from loket.permits.answers import answer_rows
from loket.standards.validity import valid_until


def validity_text(spec, answers, issued_on=None):
    """The permit's "Masa Berlaku" line, in the document's language (Indonesian)."""
    rule = spec.validity.get("rule", "life")
    if issued_on is None and rule in ("years", "months"):
        n = spec.validity[rule]
        return f"{n} {'tahun' if rule == 'years' else 'bulan'} sejak tanggal ditetapkan"
    until = valid_until(spec.validity, issued_on or timezone.localdate(), answers)
    if until is None:
        return "seumur hidup, selama tidak dicabut"
    return "sampai dengan " + formats.date_format(until, "j F Y")


def permit_context(application, number=None, issued_on=None):
    spec = application.spec
    office = application.office
    # An official document is in Indonesian whatever the officer's page language is.
    with translation.override("id"):
        fields = answer_rows(application, place="document")
        validity = validity_text(spec, application.all_answers(), issued_on)
    return {
        "document_template": f"permits/documents/{spec.document_layout}.html",
        "document_fields": fields,
        "document_note": spec.data["product"].get("document", {}).get("note", ""),
        "validity_text": validity,
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
    return render_record_pdf(
        "permits/pdf/permit.html", permit_context(application) | {"draft": True}
    )
