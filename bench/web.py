"""Public pages under load, and a web worker's memory, through gunicorn and wrk.

The server is the production one (`gunicorn loket.wsgi -w 2`, DEBUG off) with the
bench URLconf, so the baseline page runs in the same processes as the pages it is
compared with. wrk requests a different file on every request (a Lua script walks a
list of 1,000 real ones), so no page is served from one hot row.
"""

import math
import random
import re
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from bench import procs

PUBLIC_TARGET = 0.7
# Against the bare-Django anchor (bench/bare.py): what the framework alone serves.
BARE_TARGET = 0.75
# A worker imports the heavy libraries (PDF, signatures, spreadsheets, charts) only
# when it uses them (docs/bench.md, "Lean workers").
MEMORY_TARGET_MB = 80
MEMORY_TARGET_RATIO = 2
MEMORY_REQUESTS = 10_000
SAMPLE = 1_000

_SCRIPT = """
paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def sample_paths(rng=None):
    """1,000 tracking, verification and baseline URLs of real files and permits."""
    from loket.permits.models import Application, Permit

    rng = rng or random.Random(7)
    apps = list(Application.objects.values_list("reg_number", "tracking_code").order_by("pk"))
    codes = list(Permit.objects.values_list("verify_code", flat=True).order_by("pk"))
    picked = rng.sample(apps, min(SAMPLE, len(apps)))
    track = [f"/lacak/?{urlencode({'reg': r, 'code': c})}" for r, c in picked]
    base = [f"/bench/baseline/?{urlencode({'reg': r, 'code': c})}" for r, c in picked]
    bare = [f"/bench/bare/?{urlencode({'reg': r, 'code': c})}" for r, c in picked]
    floor = [path.replace("/bench/bare/", "/bench/floor/") for path in bare]
    verify = [f"/v/{c}" for c in rng.sample(codes, min(SAMPLE, len(codes)))]
    return {
        "baseline": base,
        "bare": bare,
        "floor": floor,
        "tracking": track,
        "verification": verify,
    }


def _script(paths):
    text = _SCRIPT % ", ".join(f'"{p}"' for p in paths)
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    handle.write(text)
    handle.close()
    return handle.name


def wrk(port, paths, seconds, connections=8, threads=2):
    """(requests per second, requests done); raises if any answer was not a 2xx."""
    script = _script(paths)
    try:
        out = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s", script]
            + [f"http://127.0.0.1:{port}/"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        Path(script).unlink(missing_ok=True)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        raise RuntimeError(f"{bad.group(1)} requests failed:\n{out}")
    done = int(re.search(r"(\d+) requests in", out).group(1))
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), done


def check_wrk():
    if shutil.which("wrk") is None:
        raise RuntimeError("wrk is not installed: run `bin/ensure-debs wrk` (make bench does)")


def _result(page, database, rate, baseline, against, target, notes):
    ratio = rate / baseline
    return {
        "name": f"Public page under load: {page}" + (" vs bare Django" if against else ""),
        "database": database,
        "value": round(rate, 1),
        "baseline": round(baseline, 1),
        "unit": "req/s",
        "ratio": round(ratio, 3),
        "target": f"ratio >= {target}",
        "met": ratio >= target,
        "notes": notes,
    }


def public_pages(database, seconds=10):
    """Requests per second of the tracking and verification pages against the baseline
    page (Loket's stack, one query) and against the bare-Django anchor (bench/bare.py:
    no middleware, the same lookup, a tiny template, its own gunicorn)."""
    check_wrk()
    paths = sample_paths()
    port, bare_port = procs.free_port(), procs.free_port()
    server = procs.gunicorn(port, workers=2)
    bare = procs.gunicorn(bare_port, workers=2, log_name="gunicorn-bare.log", app="bench.bare")
    results = []
    try:
        procs.wait_http(f"http://127.0.0.1:{port}{paths['baseline'][0]}")
        procs.wait_http(f"http://127.0.0.1:{bare_port}{paths['bare'][0]}")
        # Warm every worker (templates compiled, connections open) before measuring.
        wrk(port, paths["baseline"] + paths["floor"] + paths["tracking"] + paths["verification"], 3)
        wrk(bare_port, paths["bare"], 3)
        baselines = [wrk(port, paths["baseline"], seconds)[0]]
        floors = [wrk(bare_port, paths["bare"], seconds)[0]]
        for page in ("tracking", "verification"):
            rate = wrk(port, paths[page], seconds)[0]
            baselines.append(wrk(port, paths["baseline"], seconds)[0])
            floors.append(wrk(bare_port, paths["bare"], seconds)[0])
            # The baseline and the anchor measured just before and just after this page.
            baseline, floor = statistics.mean(baselines[-2:]), statistics.mean(floors[-2:])
            results.append(
                _result(
                    page,
                    database,
                    rate,
                    baseline,
                    False,
                    PUBLIC_TARGET,
                    f"gunicorn -w 2, wrk -t2 -c8, {seconds} s; "
                    "baseline: one indexed query in base.html",
                )
            )
            results.append(
                _result(
                    page,
                    database,
                    rate,
                    floor,
                    True,
                    BARE_TARGET,
                    "baseline: bare Django (bench/bare.py: no middleware, the same "
                    "lookup, a tiny template, its own gunicorn -w 2)",
                )
            )
        # Loket's middleware with bare Django's own view: what is left for the layout and
        # the page, measured between two runs of the anchor.
        floor_rate = wrk(port, paths["floor"], seconds)[0]
        floors.append(wrk(bare_port, paths["bare"], seconds)[0])
        results.append(
            _result(
                "the middleware floor",
                database,
                floor_rate,
                statistics.mean(floors[-2:]),
                True,
                0,
                "bare Django's view (the raw lookup, a one-line template, no layout) served "
                "through Loket's settings and middleware, against bare Django",
            )
        )
        results.append(
            _result(
                "the baseline page",
                database,
                statistics.mean(baselines),
                statistics.mean(floors[:-1]),
                True,
                0,
                "what every Loket page pays before its own work: the middleware, "
                "session, CSRF, i18n and base.html, against bare Django",
            )
        )
    finally:
        procs.stop(server)
        procs.stop(bare)
    return results


def _served(port, paths):
    """Requests until the server's one worker has served MEMORY_REQUESTS; how many."""
    # wrk runs for a time, not a count: run until the worker has served 10,000.
    done = 2
    rate, count = wrk(port, paths, 3, connections=2, threads=1)
    done += count
    while done < MEMORY_REQUESTS:
        # In slices of at most 30 s, the rate measured again each time: a first
        # slice slowed by a busy machine must not set the length of the whole run.
        seconds = min(30, max(1, math.ceil((MEMORY_REQUESTS - done) / max(rate, 1))))
        rate, count = wrk(port, paths, seconds, connections=2, threads=1)
        done += count
    return done


def _worker_after_load(paths, log_name, app="loket.wsgi:application"):
    """(RSS after its first two requests, RSS after 10,000, requests) of a fresh worker."""
    port = procs.free_port()
    server = procs.gunicorn(port, workers=1, log_name=log_name, app=app)
    try:
        procs.wait_http(f"http://127.0.0.1:{port}{paths[0]}")
        procs.wait_http(f"http://127.0.0.1:{port}{paths[1]}")
        (worker,) = procs.children(server.pid)
        before = procs.rss_mb(worker)
        done = _served(port, paths)
        after = procs.rss_mb(worker)
        if procs.children(server.pid) != [worker]:
            raise RuntimeError("the gunicorn worker was restarted during the memory scenario")
    finally:
        procs.stop(server)
    return before, after, done


def worker_memory(database):
    """A fresh web worker's resident memory after 10,000 public requests, against the
    bare-Django anchor's worker (bench/bare.py) after as many of its own."""
    check_wrk()
    paths = sample_paths()
    mixed = [
        p for pair in zip(paths["tracking"], paths["verification"], strict=False) for p in pair
    ]
    before, after, done = _worker_after_load(mixed, "gunicorn-memory.log")
    _bare_before, bare, _bare_done = _worker_after_load(
        paths["bare"], "gunicorn-bare-memory.log", app="bench.bare"
    )
    ratio = after / bare
    return {
        "name": f"Memory: web worker after {done:,} requests",
        "database": database,
        "value": round(after, 1),
        "baseline": round(bare, 1),
        "unit": "MB",
        "ratio": round(ratio, 3),
        "target": f"value <= {MEMORY_TARGET_MB} MB, ratio <= {MEMORY_TARGET_RATIO}",
        "met": after <= MEMORY_TARGET_MB
        and ratio <= MEMORY_TARGET_RATIO
        and done >= MEMORY_REQUESTS,
        "notes": "RSS of the one gunicorn worker (tracking and verification alternated); "
        f"{before:.1f} MB after its first two requests; baseline: the bare-Django "
        "worker after as many lookups",
    }
