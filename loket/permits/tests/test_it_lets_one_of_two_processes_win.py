"""Two officers' processes completing the same step at once: exactly one wins."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.conf import settings

from loket.testing_db import shared_db_env, shared_db_rows


def _env(tmp_path):
    env = dict(os.environ, **shared_db_env(tmp_path))
    env["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "private")
    env["DJANGO_SETTINGS_MODULE"] = "loket.settings"
    return env


def _run(args, env):
    return subprocess.run(
        [sys.executable, "-m", "loket.permits.tests.race", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_lets_exactly_one_of_two_processes_complete_a_step(tmp_path):
    """Both processes start the same step-2 completion at the same instant; one succeeds,
    the other gets a clear conflict, and the control card holds one hand-over."""
    env = _env(tmp_path)
    setup = _run(["setup"], env)
    assert setup.returncode == 0, setup.stderr
    app_id = setup.stdout.strip().splitlines()[-1]
    start_at = str(time.time() + 3)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "loket.permits.tests.race", "complete", app_id, start_at],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    outcomes = sorted(r["result"] for r in results)
    assert outcomes == ["refused", "won"], results
    refused = next(r for r in results if r["result"] == "refused")
    assert refused["status"] == 409 and refused["message"]

    [(handed,)] = shared_db_rows(
        env,
        "SELECT COUNT(*) FROM permits_controlcardentry WHERE step_no = 2 AND event = 'handed_over'",
    )
    [(step3,)] = shared_db_rows(
        env, "SELECT COUNT(*) FROM permits_task WHERE step_no = 3 AND closed_at IS NULL"
    )
    assert (handed, step3) == (1, 1)
