"""A small per-address rate limit on Django's cache, for the public complaint pages.

Behind a reverse proxy REMOTE_ADDR is the proxy; set COMPLAINTS_TRUSTED_PROXY_HEADER
(e.g. "HTTP_X_REAL_IP") to key by the header the proxy sets instead.
"""

import time

from django.core.cache import cache

from loket.complaints.config import setting

LIMITS = {
    # scope: (setting name, default requests, window seconds)
    "file": ("COMPLAINTS_RATE_FILE", 5, 3600),
    "track": ("COMPLAINTS_RATE_TRACK", 30, 600),
}


def client_address(request):
    header = setting("COMPLAINTS_TRUSTED_PROXY_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def allow(request, scope):
    """Count one request of this address in this scope; False once over the limit."""
    name, default, window = LIMITS[scope]
    limit = int(setting(name, default))
    bucket = int(time.time() // window)
    key = f"loket:rl:{scope}:{client_address(request)}:{bucket}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this request starts a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
