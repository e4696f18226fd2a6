"""Per-address rate limits on Django's cache, for every public form and lookup.

A scope names what is counted (tracking, verification, complaints...); its limit is a
setting read at each request, its window fixed here. Counting is a fixed window per
address: cheap (one cache add + incr) and good enough to stop a script guessing
tracking codes or flooding a form, which is all it is for.

Behind a reverse proxy REMOTE_ADDR is the proxy; set TRUSTED_PROXY_HEADER (e.g.
"HTTP_X_REAL_IP") to key by the header the proxy sets instead.

An API client (loket.apiclients) is counted as itself, not by address, under its own
limit: its authentication leaves `rate_key` and `rate_limit` on the request.
"""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LIMITS = {
    # scope: (setting name, default requests, window seconds)
    "track": ("RATE_TRACK", 30, 600),
    "verify": ("RATE_VERIFY", 60, 600),
    "verify_check": ("RATE_VERIFY_CHECK", 10, 600),
    "survey": ("RATE_SURVEY", 20, 3600),
    # The counter kiosk is one device answering for many visitors.
    "survey_kiosk": ("RATE_SURVEY_KIOSK", 120, 3600),
    "register": ("RATE_REGISTER", 10, 3600),
    "otp": ("RATE_OTP", 30, 600),
    "complaint_file": ("COMPLAINTS_RATE_FILE", 5, 3600),
    "complaint_track": ("COMPLAINTS_RATE_TRACK", 30, 600),
    # Token requests of API clients, per address: a secret cannot be guessed quickly.
    "api_token": ("RATE_API_TOKEN", 30, 600),
    # Every call of an API client, per client (the client's own limit wins).
    "api_client": ("API_CLIENT_RATE", 600, 3600),
}


def client_address(request):
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "") or getattr(
        settings, "COMPLAINTS_TRUSTED_PROXY_HEADER", ""
    )
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def window_of(scope):
    return LIMITS[scope][2]


def allow(request, scope):
    """Count one request of this address in this scope; False once over the limit."""
    name, default, window = LIMITS[scope]
    limit = getattr(request, "rate_limit", None) or int(getattr(settings, name, default))
    who = getattr(request, "rate_key", None) or client_address(request)
    bucket = int(time.time() // window)
    key = f"loket:rl:{scope}:{who}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this request starts a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def too_many(request, scope):
    """The 429 answer: JSON of the API's error shape under /api/, a page elsewhere."""
    message = _("Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi nanti.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message, "errors": {}}, status=429)
    else:
        response = render(request, "too_many.html", {"message": message}, status=429)
    response["Retry-After"] = str(window_of(scope))
    return response


def asks(*names):
    """A `when` for lookups: count only requests that carry one of these query fields."""

    def carries(request):
        return any(request.GET.get(name, "").strip() for name in names)

    return carries


def rate_limited(scope, methods=("POST",), when=None):
    """Decorate a view (or a ninja operation) so each address gets LIMITS[scope].

    Only requests of `methods` count (None: every method); `when(request)` may narrow
    it further, e.g. to lookups that carry a query. Over the limit the view is not run.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            counted = (methods is None or request.method in methods) and (
                when is None or when(request)
            )
            if counted and not allow(request, scope):
                return too_many(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
