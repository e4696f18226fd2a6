"""A throw-away Loket on the demo data, for the browser crawl and `make screenshots`.

Like `make run`, but everything (database, private files, demo CA) lives in a
temporary folder removed afterwards, and the server listens on a free port. The
caller's database is never touched: the server is another process.
"""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from binascii import unhexlify
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A crawl opens the same page once per language and width: the per-address limits of
# the public pages (tracking, verification, surveys) are for strangers, not for it.
_GENEROUS_LIMITS = {
    name: "100000"
    for name in (
        "RATE_TRACK",
        "RATE_VERIFY",
        "RATE_VERIFY_CHECK",
        "RATE_SURVEY",
        "RATE_SURVEY_KIOSK",
        "RATE_REGISTER",
        "RATE_OTP",
        "COMPLAINTS_RATE_TRACK",
    )
}


@dataclass
class DemoServer:
    url: str
    pages: dict  # {role: [[page key, path], ...]}
    usernames: dict  # {role: username}
    password: str

    def otp_code(self):
        """The demo officers' current second-factor code (they share the demo key)."""
        from django_otp.oath import totp

        from loket.demo import DEMO_OTP_KEY

        return f"{totp(unhexlify(DEMO_OTP_KEY)):06d}"


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}


def signed_in_context(browser, server, role, language="id"):
    """A browser context logged in as the demo user of `role` (none for anonymous),
    showing pages in `language` (the language switch's cookie)."""
    from loket.testing_pages import ANONYMOUS

    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    set_language(context, server, language)
    page = context.new_page()
    if role != ANONYMOUS:
        page.goto(f"{server.url}/masuk/")
        page.fill("input[name=username]", server.usernames[role])
        page.fill("input[name=password]", server.password)
        page.click("button[type=submit]")
        if "/akun/verifikasi/" in page.url:  # officers: the demo device's code
            page.fill("input[name=otp_token]", server.otp_code())
            page.click("button[type=submit]")
        if "/masuk/" in page.url or "/akun/verifikasi/" in page.url:
            raise RuntimeError(f"the demo {role} could not log in")
    return context, page


def set_language(context, server, language):
    context.add_cookies([{"name": "django_language", "value": language, "url": server.url}])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _manage(env, *args):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:  # its own output only when it failed: the demo steps are chatty
        raise RuntimeError(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")


@contextmanager
def demo_server():
    """Yield a DemoServer answering on 127.0.0.1 with the demo data; stop it after."""
    from loket.demo import DEMO_PASSWORD

    folder = Path(tempfile.mkdtemp(prefix="loket-demo-"))
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(_GENEROUS_LIMITS, VAR_DIR=str(folder), DEBUG="true", PYTHONUNBUFFERED="1")
    env.pop("PRIVATE_MEDIA_ROOT", None)
    server = None
    try:
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_standard", *sorted(str(p) for p in (ROOT / "standards").glob("*.yaml")))
        _manage(env, "make_demo_pki")
        _manage(env, "demo")
        listing = subprocess.run(
            [sys.executable, "manage.py", "page_inventory", "--json"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        inventory = json.loads(listing.stdout)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "server.log", "wb"),  # noqa: SIM115 (closed with the folder)
        )
        url = f"http://127.0.0.1:{port}"
        _wait_until_up(url, server)
        yield DemoServer(url, inventory["pages"], inventory["usernames"], DEMO_PASSWORD)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_up(url, server):
    # Readiness, not timing: poll until the server answers (or has died).
    for _ in range(600):
        if server.poll() is not None:
            raise RuntimeError(f"the demo server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(f"{url}/masuk/", timeout=5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the demo server did not answer within a minute")
