"""Refuse requests whose form, query or JSON values hold a NUL character (U+0000).

PostgreSQL text cannot store one (the driver raises DataError: a 500), SQLite stores
it silently, and no genuine value contains one. Django's form fields refuse it
already; this covers, in one place, the views and API handlers that read
request.POST, request.GET or a JSON body directly.
"""

import json

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def _in_query(query_dict):
    return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in query_dict.lists())


def _in_json(value):
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_in_json(k) or _in_json(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_in_json(v) for v in value)
    return False


def carries_nul(request):
    if _in_query(request.GET):
        return True
    if request.content_type == "application/json" and request.body:
        try:
            return _in_json(json.loads(request.body))
        except ValueError:
            return False  # the API answers malformed JSON itself
    return request.method == "POST" and _in_query(request.POST)


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            return HttpResponseBadRequest(_("Permintaan berisi karakter NUL."))
        return self.get_response(request)
