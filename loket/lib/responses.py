"""HTTP responses for the documents Loket serves: one way to name a file.

The header is Django's own (`content_disposition_header`): a name with characters
outside ASCII (an applicant's name, a permit number) is encoded as RFC 6266 says,
and quotes or backslashes in a name cannot break the header.
"""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

PDF = "application/pdf"


def named(response, filename, attachment=True):
    """``response`` offered as a file called ``filename``: saved (``attachment``) or
    shown by the browser."""
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    return response


def download(data, filename, content_type):
    """A file the browser saves as ``filename``."""
    return named(HttpResponse(data, content_type=content_type), filename)


def streamed_download(chunks, filename, content_type):
    """A file written while it is sent (a long export), saved as ``filename``."""
    return named(StreamingHttpResponse(chunks, content_type=content_type), filename)


def inline_pdf(data, filename):
    """A PDF the browser shows (and can save under ``filename``)."""
    return named(HttpResponse(data, content_type=PDF), filename, attachment=False)


def pdf_download(data, filename):
    """A PDF the browser saves as ``filename``."""
    return download(data, filename, PDF)
