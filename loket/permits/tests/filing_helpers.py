"""The online application form as a person fills it, for the check-your-answers tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from loket.standards.samples import sample_answers
from loket.testing import uploads_for


def filled_form(spec, kind="baru"):
    """Valid answers and every mandatory document, as the browser posts them."""
    files = {
        f"doc_{u.requirement}": SimpleUploadedFile(u.name, u.data) for u in uploads_for(spec, kind)
    }
    return {"kind": kind, **sample_answers(spec, kind), **files}


def first_required_field(spec, kind="baru"):
    return next(f for f in spec.fields_for(kind) if f.required)
