"""Production settings pass `check --deploy`; pages carry a strict CSP; private files
are never reachable through the static file server."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.exceptions import SuspiciousOperation
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_started
from django.db import close_old_connections
from django.test import RequestFactory

ROOT = Path(settings.BASE_DIR)
PRODUCTION = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "loket.example.go.id",
    "SECURE_SSL_REDIRECT": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO,https",
}


def _check_deploy(tmp_path, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION
        and k not in ("SECRET_KEY", "FIELD_ENCRYPTION_KEYS", "FIELD_HASH_KEY", "AUDIT_KEY")
    }
    clean.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="loket.settings", **env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_check_deploy_with_production_settings(tmp_path):
    """With DEBUG off, a real key and the SECURE_* variables, no warning at all."""
    result = _check_deploy(
        tmp_path,
        SECRET_KEY=secrets.token_urlsafe(50),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        FIELD_HASH_KEY=secrets.token_urlsafe(48),
        AUDIT_KEY=secrets.token_urlsafe(48),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_fails_check_deploy_with_development_defaults(tmp_path):
    """The development defaults (dev key, no HTTPS settings) fail, naming each problem."""
    result = _check_deploy(tmp_path)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    for check in [
        "loket.E001",
        "loket.E002",
        "loket.E003",
        "security.W004",
        "security.W008",
        "security.W012",
    ]:
        assert check in output


def test_it_sends_a_strict_content_security_policy(client, db):
    """No inline script or style is allowed; framing is refused."""
    response = client.get("/layanan/")
    policy = response["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"


def _served_templates():
    # Templates WeasyPrint turns into PDFs are never served as HTML; their <style>
    # blocks are fine.
    for path in (ROOT / "loket").rglob("templates/**/*.html"):
        rel = str(path.relative_to(ROOT))
        if "/pdf/" in rel or rel.endswith("_pdf.html") or "/letters/" in rel:
            continue
        yield rel, path.read_text(encoding="utf-8")


def test_it_serves_templates_without_inline_script_or_style():
    """No served template has an inline <script>, <style>, style= or on...= handler."""
    offenders = []
    for rel, text in _served_templates():
        for pattern in [
            r"<script(?![^>]*\bsrc=)(?![^>]*application/json)",
            r"<style\b",
            r"\sstyle=",
            r"\son[a-z]+=",
            r"javascript:",
        ]:
            if re.search(pattern, text, re.IGNORECASE):
                offenders.append((rel, pattern))
    assert offenders == []


def test_it_keeps_private_files_outside_the_static_root():
    """STATIC_ROOT and PRIVATE_MEDIA_ROOT never contain one another (defaults and now)."""
    import loket.settings as defaults

    for static, private in [
        (defaults.STATIC_ROOT, defaults.PRIVATE_MEDIA_ROOT),
        (settings.STATIC_ROOT, settings.PRIVATE_MEDIA_ROOT),
    ]:
        static, private = Path(static).resolve(), Path(private).resolve()
        assert not private.is_relative_to(static)
        assert not static.is_relative_to(private)


def _static_get(path):
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    statuses = []
    handler = StaticFilesHandler(WSGIHandler())
    # As Django's test client does: a real handler closes old database connections when
    # a request starts, which would close the test's own (on PostgreSQL) before the 404
    # page reads the office it shows.
    request_started.disconnect(close_old_connections)
    try:
        body = b"".join(handler(environ, lambda status, headers: statuses.append(status)))
    except SuspiciousOperation:
        return 400, b""  # refused before any file was opened
    finally:
        request_started.connect(close_old_connections)
    return int(statuses[0].split()[0]), body


@pytest.mark.parametrize(
    "path",
    [
        "/static/../private/rahasia.pdf",
        "/static/../../var/private/rahasia.pdf",
        "/static/%2e%2e/private/rahasia.pdf",
        "/static/..%2fprivate/rahasia.pdf",
        "/static/loket/../../../private/rahasia.pdf",
        "/static/private/rahasia.pdf",
        "/static/rahasia.pdf",
    ],
)
def test_it_never_serves_private_files_as_static(path, settings, tmp_path, db):
    """The static file server (as runserver uses it) finds no private upload."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "var" / "private"
    settings.STATIC_ROOT = tmp_path / "var" / "static"
    settings.PRIVATE_MEDIA_ROOT.mkdir(parents=True)
    (settings.PRIVATE_MEDIA_ROOT / "rahasia.pdf").write_bytes(b"%PDF-1.4 RAHASIA")
    status, body = _static_get(path)
    assert status in (400, 404)
    assert b"RAHASIA" not in body
