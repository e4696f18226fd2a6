"""Run as a separate process by test_it_lets_one_of_two_processes_win (not a test module).

python -m loket.permits.tests.race setup            -> prints the file's id
python -m loket.permits.tests.race complete ID T    -> at time T, completes step 2
"""

import json
import os
import sys
import time

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "loket.settings")
    django.setup()
    from django.core.management import call_command

    from loket.core.errors import ActionError
    from loket.permits import actions
    from loket.permits.models import Application
    from loket.testing import file_for, load_sikts, make_applicant, make_officers

    command = sys.argv[1]
    if command == "setup":
        call_command("migrate", verbosity=0)
        version = load_sikts()
        make_officers(version.service.office)
        application = file_for(version, make_applicant(version.service.office))
        print(application.pk)
        return
    app_id, start_at = int(sys.argv[2]), float(sys.argv[3])
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="front_office")
    application = Application.objects.get(pk=app_id)
    checked = [r.code for r in application.spec.requirements_for("baru")]
    time.sleep(max(0.0, start_at - time.time()))
    try:
        actions.complete_step(application, officer, 2, checked=checked)
        print(json.dumps({"result": "won"}))
    except ActionError as exc:
        print(json.dumps({"result": "refused", "status": exc.status, "message": exc.message}))


if __name__ == "__main__":
    main()
