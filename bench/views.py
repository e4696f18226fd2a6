"""The baseline page: the cheapest page Loket could serve that still reads the database.

It runs one indexed query (the same (reg_number, tracking_code) lookup the tracking
page starts with) and renders a one-line page through the site's own layout
(base.html), so it pays what every public page pays: middleware, the session and
CSRF machinery, i18n and the layout template. A scenario's ratio against it is then
the cost of the page's own work: its queries, its template and its Python.
"""

from functools import cache

from django.http import HttpResponse
from django.template import engines

from bench import bare
from loket.permits.models import Application

_PAGE = (
    '{% extends "base.html" %}{% block title %}bench{% endblock %}'
    "{% block content %}<p>{{ status }}</p>{% endblock %}"
)


@cache
def _template():
    # Compiled once per process, as Django's cached loader does for the real pages.
    return engines["django"].from_string(_PAGE)


def baseline(request):
    status = (
        Application.objects.filter(
            reg_number=request.GET.get("reg", ""), tracking_code=request.GET.get("code", "")
        )
        .values_list("status", flat=True)
        .first()
    )
    return HttpResponse(_template().render({"status": status or "-"}, request))


def floor(request):
    """The middleware floor: bare Django's own view (bench/bare.py: the raw lookup and
    its one-line template, no layout) served through Loket's settings and middleware.
    Against bare Django it measures what Loket's middleware alone costs a page; against
    it, the baseline page measures the layout."""
    return bare.track(request)
