"""Loket's CSP middleware writes exactly django-csp's headers, building the settings'
policy once per worker instead of for every response (loket/lib/csp.py)."""

from csp.constants import NONCE
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory

from loket.lib import csp as loket_csp


def _headers(middleware_class, view, take_nonce=False):
    request = RequestFactory().get("/lacak/")

    def respond(req):
        if take_nonce:
            str(req.csp_nonce)
        return view(req)

    response = middleware_class(respond)(request)
    return {k: v for k, v in response.items() if k.startswith("Content-Security-Policy")}


def plain(request):
    return HttpResponse("ok")


@csp_update({"img-src": ["https://tiles.example"]})
def with_own_policy(request):
    return HttpResponse("ok")


def test_it_writes_what_django_csp_writes(settings):
    settings.DEBUG = False
    ours = _headers(loket_csp.CSPMiddleware, plain)
    assert ours == _headers(LibraryCSPMiddleware, plain)
    assert "default-src 'self'" in ours["Content-Security-Policy"].split("; ")
    # A response with a policy of its own, and a request that took a nonce, still get it.
    own = _headers(loket_csp.CSPMiddleware, with_own_policy)
    assert own == _headers(LibraryCSPMiddleware, with_own_policy)
    assert "https://tiles.example" in own["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": ["'self'", NONCE]}}
    nonced = _headers(loket_csp.CSPMiddleware, plain, take_nonce=True)
    assert "script-src 'self' 'nonce-" in nonced["Content-Security-Policy"]


def test_it_builds_the_policy_once_for_each_policy_in_the_settings(settings, monkeypatch):
    settings.DEBUG = False
    built = []
    real = loket_csp.build_policy

    def counting(**kwargs):
        built.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(loket_csp, "build_policy", counting)
    middleware = loket_csp.CSPMiddleware(plain)
    for _ in range(3):
        middleware(RequestFactory().get("/"))
    assert len(built) == 2  # the policy and the report-only one, once
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    response = middleware(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"
