"""A periodic job for the tests: it raises on its first two runs, then succeeds.

It enters the registry only when a test calls `register()` (and leaves it with
`jobs.unregister`), so other tests that schedule every job never see it.
"""

from datetime import timedelta

from loket.core.jobs import every, periodic

RUNS = []


def flaky():
    RUNS.append(len(RUNS) + 1)
    if len(RUNS) <= 2:
        raise RuntimeError(f"run {len(RUNS)} failed on purpose")
    return "ok"


BODY = flaky


def register():
    """Make `flaky` a periodic task, due again at once after each run; the worker finds
    the task under this module's name `flaky`."""
    global flaky
    flaky = periodic(next_run=every(timedelta(0)))(BODY)
    return flaky
