"""Processes the harness starts: the environment they share, ports, memory."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def env(**extra):
    """The environment of every process of the run: same database, same settings."""
    out = dict(os.environ)
    out.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DEBUG": "false",
            "PYTHONPATH": str(ROOT),
            # wrk is one address asking thousands of times: the per-address limits
            # of the public lookups still count every request, but never refuse.
            "RATE_TRACK": "1000000000",
            "RATE_VERIFY": "1000000000",
        }
    )
    out.update({k: str(v) for k, v in extra.items()})
    return out


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(args, log_name, **extra):
    log = open(ROOT / "var" / "bench" / log_name, "wb")  # noqa: SIM115 (closed with the process)
    return subprocess.Popen(args, cwd=ROOT, env=env(**extra), stdout=log, stderr=subprocess.STDOUT)


def stop(process, timeout=15):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_http(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout} s")


def gunicorn(port, workers, log_name="gunicorn.log", app="loket.wsgi:application"):
    args = [str(Path(PYTHON).parent / "gunicorn"), app]
    args += ["-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "120"]
    return start(args, log_name)


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def rss_mb(pid):
    """Resident memory of a process now, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
