"""Rate limits on Django's cache, for every public form and lookup, and the sign-in.

A scope names what is counted (tracking, verification, complaints...); its limit is a
setting read at each request, its window fixed here. Counting is a fixed window per
key: by default the client's address, but any string (`allow_key`, or `key=` of
`rate_limited`), e.g. an API client's id. Good enough to stop a script guessing
tracking codes, spraying passwords or flooding a form, which is all it is for.

The counters must be one store for every web process and server, or each gunicorn
worker keeps its own and a limit of N lets N x workers through. The default cache is
the database (settings.CACHES, a table made at `migrate`); Redis works too. Django's
database cache has no atomic increment, so the counter is read and written in one
transaction that writers take in turn: SQLite's IMMEDIATE transactions let one writer in
at a time, and on PostgreSQL the transaction locks the cache table against other
writers first. Redis (docs/deploy.md) has an atomic increment of its own.

Behind a reverse proxy REMOTE_ADDR is the proxy; set TRUSTED_PROXY_HEADER (e.g.
"HTTP_X_REAL_IP") to key by the header the proxy sets instead.
"""

import base64
import functools
import pickle
import time

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
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
    # Failed sign-ins from one address, whatever the usernames (password spraying);
    # django-axes separately locks one username from one address after 5.
    "login_address": ("RATE_LOGIN_FAILURES", 20, 900),
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


def limit_of(scope):
    name, default, _window = LIMITS[scope]
    return int(getattr(settings, name, default))


def _cache_key(scope, key):
    window = window_of(scope)
    return f"loket:rl:{scope}:{key}:{int(time.time() // window)}"


def _locked_increment(store, cache_key, window):
    """Read, add one, write: in one transaction no other writer of the row shares.

    The row is read and written with SQL of its own, in the database cache's own format
    (a pickled value, base64), not with `store.get` and `store.set`: `set` counts the
    whole table to decide whether to cull it, on every request that is counted, which
    made every public lookup pay for a count and two more statements (docs/bench.md).
    Culling stays the cache's job: `store.set` still runs when a counter is first made.
    On PostgreSQL the counter's row, not the table, is locked (the table only while a
    window's first request makes the row), and the commit does not wait for its WAL
    flush: a count of the last instant before a crash may be lost, which a limit can
    afford, while every public lookup would otherwise wait for a disk flush.
    """
    alias = router.db_for_write(store.cache_model_class)
    connection = connections[alias]
    key = store.make_and_validate_key(cache_key)
    table = connection.ops.quote_name(settings.CACHES["default"]["LOCATION"])
    now = connection.ops.adapt_datetimefield_value(timezone.now().replace(microsecond=0))
    read = f"SELECT value FROM {table} WHERE cache_key = %s AND expires >= %s"
    with transaction.atomic(using=alias), connection.cursor() as cursor:
        postgres = connection.vendor == "postgresql"
        if postgres:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(read + (" FOR UPDATE" if postgres else ""), [key, now])
        row = cursor.fetchone()
        if row is None:
            # A new counter (or a window's first request): through the cache, which
            # culls a full table. On PostgreSQL two first requests could both get here:
            # the table lock makes the second read the first's row.
            if postgres:
                cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
                cursor.execute(read, [key, now])
                row = cursor.fetchone()
            if row is None:
                store.set(cache_key, 1, timeout=window)
                return 1
        count = pickle.loads(base64.b64decode(row[0].encode())) + 1
        encoded = base64.b64encode(pickle.dumps(count, store.pickle_protocol)).decode("latin1")
        # The window is part of the key: the expiry only lets the cache cull old ones.
        cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])
    return count


def _increment(cache_key, window):
    store = caches["default"]
    if isinstance(store, DatabaseCache):
        # No atomic increment in the database cache (SQLite's IMMEDIATE transactions
        # already let one writer in at a time).
        return _locked_increment(store, cache_key, window)
    cache.add(cache_key, 0, timeout=window)
    try:
        return cache.incr(cache_key)
    except ValueError:
        # The key expired between add and incr: this request starts a new window.
        cache.set(cache_key, 1, timeout=window)
        return 1


def allow_key(scope, key, limit=None):
    """Count one request under `key` (an address, an API client's id...) in this scope;
    False once over the limit (`limit`, or the scope's)."""
    return _increment(_cache_key(scope, key), window_of(scope)) <= (limit or limit_of(scope))


def count_key(scope, key):
    """Count one event under `key` without asking (e.g. a failed sign-in)."""
    _increment(_cache_key(scope, key), window_of(scope))


def over_limit(scope, key):
    """Has `key` already used up this window, without counting?"""
    return (cache.get(_cache_key(scope, key)) or 0) >= limit_of(scope)


def allow(request, scope):
    """Count one request of this address in this scope; False once over the limit.

    An API client (loket.apiclients) is counted as itself, not by address, under its own
    limit: its authentication leaves `rate_key` and `rate_limit` on the request."""
    key = getattr(request, "rate_key", None) or client_address(request)
    return allow_key(scope, key, getattr(request, "rate_limit", None))


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


def rate_limited(scope, methods=("POST",), when=None, key=None):
    """Decorate a view (or a ninja operation) so each address gets LIMITS[scope].

    Only requests of `methods` count (None: every method); `when(request)` may narrow
    it further, e.g. to lookups that carry a query. `key(request)` counts under another
    key than the address (an API client's id; None from it falls back to the address).
    Over the limit the view is not run.
    """

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            counted = (methods is None or request.method in methods) and (
                when is None or when(request)
            )
            if counted:
                counted_as = (key(request) if key else None) or client_address(request)
                if not allow_key(scope, counted_as):
                    return too_many(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
