"""With DEBUG off the web server refuses to start on the committed development
secrets: SECRET_KEY, field keys derived from it, the development AUDIT_KEY."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SECRET_NAMES = (
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEYS",
    "FIELD_ENCRYPTION_KEY",
    "FIELD_HASH_KEY",
    "AUDIT_KEY",
    "DEBUG",
)


def _start_wsgi(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SECRET_NAMES}
    clean.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="loket.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", "import loket.wsgi"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _real_secrets():
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "FIELD_HASH_KEY": secrets.token_urlsafe(48),
        "AUDIT_KEY": secrets.token_urlsafe(48),
    }


def test_it_refuses_to_start_on_the_development_secret_key(tmp_path):
    """DEBUG off and no SECRET_KEY: the WSGI application is never built, and the
    error says which secret and how to make one."""
    env = _real_secrets()
    del env["SECRET_KEY"]
    result = _start_wsgi(tmp_path, DEBUG="false", **env)
    assert result.returncode != 0
    assert "loket.E001" in result.stderr and "token_urlsafe" in result.stderr


def test_it_refuses_field_keys_derived_from_the_secret_key(tmp_path):
    """A real SECRET_KEY alone is not enough: the field keys must be set on their own."""
    env = _real_secrets()
    del env["FIELD_ENCRYPTION_KEYS"], env["FIELD_HASH_KEY"]
    result = _start_wsgi(tmp_path, DEBUG="false", **env)
    assert result.returncode != 0
    assert "loket.E002" in result.stderr and "Fernet.generate_key" in result.stderr


def test_it_refuses_the_development_audit_key(tmp_path):
    """The audit chain's key must be the operator's own too."""
    env = _real_secrets()
    del env["AUDIT_KEY"]
    result = _start_wsgi(tmp_path, DEBUG="false", **env)
    assert result.returncode != 0 and "loket.E003" in result.stderr


def test_it_starts_with_real_secrets_or_in_development(tmp_path):
    """Every secret set: it starts. DEBUG on (the demo): the defaults are fine."""
    assert _start_wsgi(tmp_path, DEBUG="false", **_real_secrets()).returncode == 0
    assert _start_wsgi(tmp_path, DEBUG="true").returncode == 0
