"""Render HTML (usually a Django template) to PDF bytes with WeasyPrint.

Rendering never touches the network: the URL fetcher only serves ``file:`` and
``data:`` URLs, so a template that points at ``http(s)://`` gets a missing image
(WeasyPrint logs a warning) instead of a request to somebody else's server.
Relative URLs resolve against ``settings.BASE_DIR``.

WeasyPrint (with Pango, fonts and images: about 45 MB) is imported by the functions
that render, not by this module: every web worker imports the views that offer a PDF,
few of them ever render one (docs/bench.md, "Lean workers").
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

# Everything a permit needs is on disk (static files) or inline (QR codes as
# data: URIs). http, https and ftp are refused.
ALLOWED_URL_SCHEMES = frozenset({"file", "data"})


def _url_fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=ALLOWED_URL_SCHEMES, allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    """Return the PDF rendering of an HTML document, without any network access."""
    from weasyprint import HTML

    document = HTML(
        string=html,
        # The trailing slash makes BASE_DIR the directory relative URLs resolve in.
        base_url=Path(settings.BASE_DIR).resolve().as_uri() + "/",
        url_fetcher=_url_fetcher(),
    )
    return document.write_pdf()


def render_pdf(template_name: str, context: dict, request=None) -> bytes:
    """Render a Django template with ``context`` and return it as PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context, request=request))


def render_record_pdf(template_name: str, context: dict) -> bytes:
    """A document of record (the permit, official letters, the published standard, the
    control card) in the office's language, whatever language the person whose action
    made it reads Loket in: a permit is never dated "7 December 2026". Reports and
    exports use :func:`render_pdf`, in the language of the request."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(template_name, context)


def render_pdf_with_boxes(template_name: str, context: dict) -> tuple[bytes, dict]:
    """Render like :func:`render_record_pdf` (it makes the permit), and say where each
    element with an ``id`` landed on page 1: ``{id: (x1, y1, x2, y2)}`` in PDF points
    from the bottom-left corner (what a form field or a signature box is placed with)."""
    from weasyprint import HTML

    with translation.override(settings.LANGUAGE_CODE):
        html = render_to_string(template_name, context)
    document = HTML(
        string=html,
        base_url=Path(settings.BASE_DIR).resolve().as_uri() + "/",
        url_fetcher=_url_fetcher(),
    ).render()
    page = document.pages[0]
    px_to_pt = 0.75  # CSS px are 1/96 inch, PDF points 1/72
    height = page.height * px_to_pt
    boxes = {
        name: (x1 * px_to_pt, height - y2 * px_to_pt, x2 * px_to_pt, height - y1 * px_to_pt)
        for name, (x1, y1, x2, y2) in page.anchors.items()
    }
    return document.write_pdf(), boxes
