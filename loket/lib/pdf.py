"""Render HTML (usually a Django template) to PDF bytes with WeasyPrint.

Rendering never touches the network: the URL fetcher only serves ``file:`` and
``data:`` URLs, so a template that points at ``http(s)://`` gets a missing image
(WeasyPrint logs a warning) instead of a request to somebody else's server.
Relative URLs resolve against ``settings.BASE_DIR``.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

# Everything a permit needs is on disk (static files) or inline (QR codes as
# data: URIs). http, https and ftp are refused.
ALLOWED_URL_SCHEMES = frozenset({"file", "data"})


def _url_fetcher() -> URLFetcher:
    return URLFetcher(allowed_protocols=ALLOWED_URL_SCHEMES, allow_redirects=False)


def html_to_pdf(html: str) -> bytes:
    """Return the PDF rendering of an HTML document, without any network access."""
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
