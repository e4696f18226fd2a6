"""Settings of the real processes the fault test starts: Loket's own, one hasher faster.

Key stretching makes every password check slow on purpose; the fault test creates
and logs in a dozen users and restarts the server several times on a shared machine,
and nothing it checks depends on the hasher (conftest.py does the same in-process).
"""

from loket.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
