"""A task for test_it_shares_the_queue_between_workers (not a test module).

Each run appends one line "KEY PID" to a log file (O_APPEND: whole lines, from any
number of processes), so the log counts every run: a key twice is a task run twice,
a missing key a task lost.
"""

import os
import time

from django_tasks import task


@task()
def probe(log_path, key, hold_path=""):
    """Record one run of ``key``; with ``hold_path``, the first run writes its worker's
    pid there and hangs (until the test kills the worker), and later runs go through."""
    if hold_path and not os.path.exists(hold_path):
        with open(hold_path + ".tmp", "w") as pid_file:
            pid_file.write(str(os.getpid()))
        os.replace(hold_path + ".tmp", hold_path)
        time.sleep(600)
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, f"{key} {os.getpid()}\n".encode())
    finally:
        os.close(fd)
    return key
