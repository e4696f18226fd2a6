"""Settings for the processes the harness starts: Loket's own, plus one URL.

The server under load runs exactly the production settings (DEBUG off unless the
environment says otherwise); the only difference is the URLconf, which adds the
baseline view every web scenario is compared with.
"""

from loket.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
