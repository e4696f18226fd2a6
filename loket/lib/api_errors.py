"""Errors under /api/ are JSON in the API's shape, whoever produced them.

Django answers a path the API does not have with its HTML 404 page, ninja a method an
operation does not take with a bare 405, a body it cannot parse with plain text. A
system calling the API reads every refusal the same way, so this middleware turns any
non-JSON 4xx/5xx under /api/ into `{"detail": ..., "errors": {}}` (Open311 paths: the
GeoReport list of `{code, description}`, as XML for .xml paths).
"""

import json
from xml.etree import ElementTree

from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    400: _("Permintaan tidak dapat dibaca."),
    404: _("Tidak ditemukan."),
    405: _("Metode ini tidak didukung untuk alamat ini."),
    413: _("Permintaan terlalu besar."),
    500: _("Terjadi kesalahan pada server."),
}
OTHER = _("Permintaan tidak dapat diproses.")
SHAPED = ("application/json", "application/xml", "text/xml")


def _message(status):
    return str(MESSAGES.get(status, OTHER))


def open311_errors(status, description, as_xml):
    """GeoReport v2's error body: a list of {code, description}, in JSON or XML."""
    if not as_xml:
        return JsonResponse(
            [{"code": status, "description": description}], status=status, safe=False
        )
    root = ElementTree.Element("errors")
    error = ElementTree.SubElement(root, "error")
    ElementTree.SubElement(error, "code").text = str(status)
    ElementTree.SubElement(error, "description").text = description
    body = b'<?xml version="1.0" encoding="utf-8"?>' + ElementTree.tostring(root)
    return HttpResponse(body, status=status, content_type="application/xml; charset=utf-8")


class ApiErrorShapeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400:
            return response
        # This middleware runs outside the language middleware, which has put the
        # thread's language back by now: speak the request's own.
        with translation.override(getattr(request, "LANGUAGE_CODE", None)):
            return self.shape(request, response)

    def shape(self, request, response):
        status = response.status_code
        if "/open311/" in request.path and status == 422:
            # Refused before the API saw it (a NUL character): GeoReport's 400 list.
            try:
                detail = json.loads(response.content)["detail"]
            except (ValueError, KeyError, TypeError):
                detail = _message(400)
            return open311_errors(400, detail, request.path.endswith(".xml"))
        if response.get("Content-Type", "").split(";")[0].strip() in SHAPED:
            return response
        if "/open311/" in request.path:
            shaped = open311_errors(status, _message(status), request.path.endswith(".xml"))
        else:
            shaped = JsonResponse({"detail": _message(status), "errors": {}}, status=status)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if response.has_header(header):
                shaped[header] = response[header]
        return shaped
