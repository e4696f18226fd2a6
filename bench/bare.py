"""The bare-Django anchor: the platform's floor for a public page.

A Django project with nothing but what one lookup needs: no middleware, no installed
apps, no sessions, CSRF, i18n or authentication, one URL, a tiny template. Its view
runs the tracking page's first lookup (the file's status by registration number and
tracking code, on the same index) against the same database with the same connection
settings as Loket, and renders a three-line page. It runs in its own gunicorn with
as many workers as Loket's, in the same run (docs/bench.md): what Loket's public pages
reach of its rate is what the framework's floor leaves for Loket's own work.

    DJANGO_SETTINGS_MODULE=bench.bare gunicorn bench.bare:application
"""

import os

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path

if not settings.configured:
    from loket import settings as loket_settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-bare-anchor"),
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES=loket_settings.DATABASES,
        USE_TZ=True,
        USE_I18N=False,
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
    )
    django.setup()

_PAGE = engines["django"].from_string(
    "<!doctype html><html lang=id><title>Lacak</title><p>{{ status }}</p></html>"
)
_LOOKUP = (
    "SELECT status FROM permits_application WHERE reg_number = %s AND tracking_code = %s LIMIT 1"
)


def track(request):
    with connection.cursor() as cursor:
        cursor.execute(_LOOKUP, [request.GET.get("reg", ""), request.GET.get("code", "")])
        row = cursor.fetchone()
    return HttpResponse(_PAGE.render({"status": row[0] if row else "-"}))


urlpatterns = [path("bench/bare/", track)]

application = get_wsgi_application()
