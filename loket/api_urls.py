"""The API's URLs, in a module of their own so they load on the API's first request.

django-ninja and pydantic build every schema of every router when the API is made:
about 20 MB in each web worker. `loket/urls.py` names this module as a string, so a
worker that serves only pages (the tracking and verification pages of a busy office)
never imports it (docs/bench.md, "Lean workers").
"""

from loket.api import api

urlpatterns, _app_name, _namespace = api.urls
