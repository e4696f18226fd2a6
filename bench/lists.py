"""Officer list pages at scale: time per request against the baseline page, and the
number of queries, which must not depend on the number of rows listed.

Requests go through Django's test client in this process (the whole middleware
stack and templates, no network), logged in as a real officer, like the baseline.

Target: at most 5 times the baseline. The baseline is a page of the site layout with
one indexed query; a list page of an officer runs a handful more fixed queries (the
session, the user, roles and office, the list and its count) and renders one row per
item. Five times the cheapest page is what a page of a screenful of rows costs; a page
that renders every one of thousands of rows cannot meet it, by design.
"""

import statistics
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

LIST_TARGET = 5.0


def _client(username):
    from loket.accounts.testing_login import mark_verified

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    # As an officer whose session passed the second factor (a TOTP code).
    mark_verified(client, user)
    return client


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return elapsed, len(ctx.captured_queries), response


def _rows(response, marker):
    return response.content.decode().count(marker)


def _timed(client, url, baseline_url, repeat, first):
    """Median of `repeat` interleaved requests; a page that takes seconds (its time is
    steady) keeps its first timing, with the baseline timed around it."""
    page, base = ([first], []) if first > 2 else ([], [])
    for _ in range(repeat):
        if first <= 2:
            page.append(_get(client, url)[0])
        base.append(_get(client, baseline_url)[0])
    return statistics.median(page), statistics.median(base)


def scenarios(database, repeat=5):
    from loket.permits.models import Application

    sample = Application.objects.values_list("reg_number", "tracking_code").first()
    baseline_url = f"/bench/baseline/?reg={sample[0]}&code={sample[1]}"
    cases = [
        # (name, user, page, a smaller listing of the same view, row marker)
        (
            "Front Office inbox",
            "bench-front_office-1",
            "/kotak-masuk/",
            ("bench-back_office-1", "/kotak-masuk/"),
            'class="task-row"',
        ),
        (
            "complaint register (Buku Pengaduan)",
            "bench-pengelola_pengaduan-1",
            "/pengaduan/buku/",
            ("bench-pengelola_pengaduan-1", "/pengaduan/buku/?weight=berat&channel=faks"),
            'class="register-row"',
        ),
    ]
    results = []
    for name, user, url, (small_user, small_url), marker in cases:
        client = _client(user)
        _get(client, baseline_url)
        # Counted in the steady state: the first request of a process also reads
        # what it caches for the next ones (the parsed standard).
        _get(client, url)
        _t, queries, response = _get(client, url)
        first = _t
        rows = _rows(response, marker)
        small_client = client if small_user == user else _client(small_user)
        _t, small_queries, small_response = _get(small_client, small_url)
        small_rows = _rows(small_response, marker)
        value, baseline = _timed(client, url, baseline_url, repeat, first)
        ratio = value / baseline
        constant = queries == small_queries
        results.append(
            {
                "name": f"Officer list: {name}",
                "database": database,
                "value": round(value, 4),
                "baseline": round(baseline, 4),
                "unit": "s",
                "ratio": round(ratio, 2),
                "target": f"ratio <= {LIST_TARGET:g}, constant queries",
                "met": ratio <= LIST_TARGET and constant,
                "notes": f"{rows:,} rows in {queries} queries; {small_rows:,} rows in "
                f"{small_queries} queries ({'constant' if constant else 'NOT constant'})",
            }
        )
    return results
