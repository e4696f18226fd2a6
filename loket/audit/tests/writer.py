"""Run as a separate process by test_it_chains_concurrent_writers (not a test module).

python -m loket.audit.tests.writer setup             -> prints the applicant ids
python -m loket.audit.tests.writer write ID N DIR    -> once both writers are ready (a
                                                        file each in DIR), files N
                                                        applications for applicant ID,
                                                        each followed by a bare event
"""

import json
import os
import sys
import time
from pathlib import Path

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from loket import audit
    from loket.accounts.models import Applicant
    from loket.testing import file_for, load_sikts, make_applicant

    command = sys.argv[1]
    if command == "setup":
        call_command("migrate", verbosity=0)
        version = load_sikts()
        office = version.service.office
        print(json.dumps([make_applicant(office, name=n).pk for n in ("Siti", "Budi")]))
        return
    applicant_id, count, barrier = int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    applicant = Applicant.objects.select_related("user", "office").get(pk=applicant_id)
    version = load_sikts()
    # Start together: each process is ready only after its slow start (imports, queries).
    (barrier / str(applicant_id)).touch()
    deadline = time.time() + 60
    while len(list(barrier.iterdir())) < 2 and time.time() < deadline:
        time.sleep(0.01)
    for i in range(count):
        file_for(version, applicant)
        with transaction.atomic():
            audit.record(
                "test.concurrent",
                actor=None,
                office=applicant.office,
                data={"w": applicant_id, "i": i},
            )
            # Still in the transaction: a writer that read the head without waiting for
            # this one would now take the same number (the lock is what prevents it).
            time.sleep(0.02)
        # SQLite's busy handler sleeps while waiting for the lock; without a pause the
        # writer holding it would take it again at once and the two would not interleave.
        time.sleep(0.05)
    print(json.dumps({"done": count}))


if __name__ == "__main__":
    main()
