"""A namespaced include that imports its module only when one of its own URLs is
resolved or reversed.

Django (5.2) fills its table of reversible names by walking every include, importing
each one's module, on the first `{% url %}` of any page. The API's module builds the
whole django-ninja API (every pydantic schema of every router, about 20 MB of a web
worker) although a page never links into it. Under a namespace, the include's own
names are looked up only through the namespace ("api:..."), so its table can wait
until such a lookup, or a request under its prefix, needs it.
"""

from django.urls import URLResolver
from django.urls.resolvers import RoutePattern


class LoadedOnUse(URLResolver):
    _wanted = False

    def _populate(self):
        # The parent resolver calls this while filling its own table: it only needs
        # this include's namespace and prefix, which it reads without the table.
        if self._wanted:
            super()._populate()

    def _want(self):
        self._wanted = True
        return self

    @property
    def reverse_dict(self):
        return URLResolver.reverse_dict.fget(self._want())

    @property
    def namespace_dict(self):
        return URLResolver.namespace_dict.fget(self._want())

    @property
    def app_dict(self):
        return URLResolver.app_dict.fget(self._want())


def lazy_include(route, module, app_name, namespace):
    """Like ``path(route, include((module, app_name), namespace))``, loaded on use."""
    return LoadedOnUse(RoutePattern(route), module, app_name=app_name, namespace=namespace)
