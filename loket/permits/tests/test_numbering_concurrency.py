"""Several processes number permits at once: consecutive, unique, gap-free numbers.

Run by pytest; the same file is the worker script (``python -m ... setup|number``):
each process is a separate Python with its own database connection to the shared
database of `loket.testing_db` (a file on SQLite, the test database on PostgreSQL).
"""

import json
import os
import subprocess
import sys
import time

import pytest

from loket.testing_db import shared_db_env, shared_db_rows

MODULE = "loket.permits.tests.test_numbering_concurrency"
PROCESSES, PER_PROCESS = 4, 2


def _main():  # pragma: no cover - runs in the child processes
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from loket.permits import actions
    from loket.permits.models import Application

    command = sys.argv[1]
    if command == "setup":
        from django.conf import settings

        from loket.lib.demo_ca import make_demo_ca
        from loket.testing import advance, file_for, load_sikts, make_applicant, make_officers

        call_command("migrate", verbosity=0)
        make_demo_ca(settings.SIGNING_DEMO_CA_DIR)
        version = load_sikts()
        office = version.service.office
        officers = make_officers(office)
        ids = []
        for n in range(int(sys.argv[2])):
            application = file_for(version, make_applicant(office, f"Pemohon {n}"))
            ids.append(advance(application, officers, 8).pk)
        print(json.dumps(ids))
        return
    ids, start_at, fail = json.loads(sys.argv[2]), float(sys.argv[3]), sys.argv[4] == "fail"
    officer = get_user_model().objects.get(username="back_office")
    if fail:
        # Fail after the number is taken and the permit sealed, inside the transaction.
        from loket.permits import messages

        def boom(*args, **kwargs):
            raise RuntimeError("crash after numbering")

        messages.permit_ready = boom
    time.sleep(max(0.0, start_at - time.time()))
    results = []
    for pk in ids:
        try:
            done = actions.complete_step(Application.objects.get(pk=pk), officer, 8)
            results.append(done.permit.seq)
        except RuntimeError as exc:
            results.append(str(exc))
    print(json.dumps(results))


def _env(tmp_path):
    env = dict(os.environ, **shared_db_env(tmp_path))
    env.update(
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        VAR_DIR=str(tmp_path / "var"),
        SIGNING_TRUST_ROOTS=str(tmp_path / "pki" / "ca.pem"),
        SMS_BACKEND="loket.notify.gateways.FileSMS",
        TASKS_BACKEND="django_tasks.backends.dummy.DummyBackend",
        DJANGO_SETTINGS_MODULE="loket.settings",
        # Each numbering seals a PDF inside its transaction; on a loaded 2-core machine
        # the last of 9 writers can wait longer than the default 20 s for the lock,
        # which tests the machine, not the numbering.
        SQLITE_BUSY_TIMEOUT="300",
    )
    return env


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_it_numbers_gap_free_across_processes_and_a_rollback_burns_nothing(tmp_path):
    """4 processes number 2 files each at the same instant while a 5th takes a number and
    rolls back: the 8 permits hold 1..8 exactly, and the rolled-back file has none."""
    from django.conf import settings

    env = _env(tmp_path)
    run = dict(env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=600)
    setup = subprocess.run(
        [sys.executable, "-m", MODULE, "setup", str(PROCESSES * PER_PROCESS + 1)], **run
    )
    assert setup.returncode == 0, setup.stderr
    ids = json.loads(setup.stdout.strip().splitlines()[-1])
    failing, ids = ids[0], ids[1:]
    start_at = str(time.time() + 4)
    batches = [ids[i::PROCESSES] for i in range(PROCESSES)]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", MODULE, "number", json.dumps(batch), start_at, "ok"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for batch in batches
    ] + [
        subprocess.Popen(
            [sys.executable, "-m", MODULE, "number", json.dumps([failing]), start_at, "fail"],
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    ]
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        outputs.append(json.loads(out.strip().splitlines()[-1]))
    assert outputs[-1] == ["crash after numbering"]

    rows = shared_db_rows(env, "SELECT application_id, seq, number, sha256 FROM permits_permit")
    seqs = sorted(seq for _app, seq, _n, _h in rows)
    assert seqs == list(range(1, PROCESSES * PER_PROCESS + 1))
    assert len({number for _a, _s, number, _h in rows}) == len(rows)
    assert all(sha for *_rest, sha in rows)
    assert failing not in {app for app, *_rest in rows}
    assert sorted(s for out in outputs[:-1] for s in out) == seqs
    [(last,)] = shared_db_rows(env, "SELECT last FROM permits_sequence WHERE name LIKE 'permit:%'")
    assert last == PROCESSES * PER_PROCESS


if __name__ == "__main__":
    _main()
