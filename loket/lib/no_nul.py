"""Refuse requests whose form, query or JSON values hold a NUL character (U+0000).

PostgreSQL text cannot store one, nor compare with one (the driver raises DataError:
a 500), SQLite stores it silently, and no genuine value contains one. Django's form
fields refuse it already; this covers, in one place, the views and API handlers that
read request.POST, request.GET or a JSON body directly. The API answers 422 in its
usual shape (``detail`` and ``errors`` by field), the HTML pages 400.
"""

import json

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"


def _in_query(query_dict):
    return [k for k, vs in query_dict.lists() if NUL in k or any(NUL in v for v in vs)]


def _in_json(value):
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_in_json(k) or _in_json(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_in_json(v) for v in value)
    return False


def fields_with_nul(request):
    """Names of the query, form or top-level JSON fields that carry a NUL."""
    found = _in_query(request.GET)
    if request.content_type == "application/json" and request.body:
        try:
            data = json.loads(request.body)
        except ValueError:
            return found  # the API answers malformed JSON itself
        if isinstance(data, dict):
            found += [k for k, v in data.items() if _in_json(k) or _in_json(v)]
        elif _in_json(data):
            found.append("body")
    elif request.method == "POST":
        found += _in_query(request.POST)
    return found


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fields = fields_with_nul(request)
        if not fields:
            return self.get_response(request)
        message = _("Isian tidak boleh berisi karakter NUL.")
        if request.path.startswith("/api/"):
            errors = {field.replace(NUL, ""): message for field in fields}
            return JsonResponse({"detail": message, "errors": errors}, status=422)
        return HttpResponseBadRequest(message)
