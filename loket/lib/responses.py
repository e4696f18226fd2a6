"""HTTP responses for the documents Loket serves: one way to name a file."""

from django.http import HttpResponse


def inline_pdf(data, filename):
    """A PDF the browser shows (and can save under `filename`)."""
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
