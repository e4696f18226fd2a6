"""Refuse requests whose form, query or JSON values hold a NUL character (U+0000) or a
lone UTF-16 surrogate (U+D800 to U+DFFF).

PostgreSQL text cannot store a NUL, nor compare with one (the driver raises DataError:
a 500), SQLite stores it silently, and no genuine value contains one. A lone surrogate
(JSON's "\\ud800" escape) is no character at all: it cannot be encoded as UTF-8, so the
database driver, a template or the JSON answer raises on it (a 500). Django decodes
form and query values with replacement characters, so in practice only JSON carries
one. Django's form fields refuse a NUL already; this covers, in one place, the views
and API handlers that read request.POST, request.GET or a JSON body directly. The API
answers 422 in its usual shape (``detail`` and ``errors`` by field, ErrorOut), the
HTML pages 400.
"""

import json
import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"
_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_nul(text):
    return NUL in text


def _unstorable(text):
    return NUL in text or _SURROGATE.search(text) is not None


def _in_query(query_dict, bad):
    return [k for k, vs in query_dict.lists() if bad(k) or any(bad(v) for v in vs)]


def _in_json(value, bad):
    if isinstance(value, str):
        return bad(value)
    if isinstance(value, dict):
        return any(_in_json(k, bad) or _in_json(v, bad) for k, v in value.items())
    if isinstance(value, list):
        return any(_in_json(v, bad) for v in value)
    return False


def _fields(request, bad):
    found = _in_query(request.GET, bad)
    if request.content_type == "application/json" and request.body:
        try:
            data = json.loads(request.body)
        except ValueError:
            return found  # the API answers malformed JSON itself
        if isinstance(data, dict):
            found += [k for k, v in data.items() if _in_json(k, bad) or _in_json(v, bad)]
        elif _in_json(data, bad):
            found.append("body")
    elif request.method == "POST":
        found += _in_query(request.POST, bad)
    return found


def fields_with_nul(request):
    """Names of the query, form or top-level JSON fields that carry a NUL."""
    return _fields(request, _has_nul)


def unstorable_fields(request):
    """Names of the query, form or top-level JSON fields that carry a NUL or a lone
    surrogate."""
    return _fields(request, _unstorable)


def _printable(field):
    """A field name fit to be sent back as JSON text (without the bad characters)."""
    return _SURROGATE.sub("", field.replace(NUL, "")) or "body"


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = unstorable_fields(request)
        if not fields:
            return self.get_response(request)
        if fields_with_nul(request):
            message = _("Isian tidak boleh berisi karakter NUL.")
        else:
            message = _(
                "Isian berisi karakter yang tidak sah (potongan karakter yang rusak). Ketik "
                "ulang isiannya lalu kirim lagi."
            )
        if request.path.startswith("/api/"):
            errors = {_printable(field): message for field in fields}
            return JsonResponse({"detail": message, "errors": errors}, status=422)
        # Loket's 400 page (loket/templates/400.html), in the page's language.
        return render(request, "400.html", {"detail": message}, status=400)
