"""The demo data (`manage.py demo`) loaded once for a module of crawl tests."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, demo_pki, tmp_path_factory):
    """Every standard, the demo officers, applicant, files, complaints and surveys,
    committed for the module's tests (each still rolls back its own writes); the
    database is emptied again afterwards, so other modules see none of it."""
    from loket.demo import ensure_demo_two_factor, load_demo
    from loket.standards.actions import load_standard

    folder = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(
            PRIVATE_MEDIA_ROOT=folder / "private",
            SIGNATURE_BACKEND="local",
            SIGNING_DEMO_CA_DIR=str(demo_pki.directory),
            SIGNING_TRUST_ROOTS=[str(demo_pki.cert_path)],
            SIGNING_KEY_DIR=str(folder / "keys"),
            SIGNING_TSA_URL="",
            SIGNING_CRLS=[],
            VAR_DIR=folder / "var",
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
    ):
        for path in sorted(Path(settings.BASE_DIR, "standards").glob("*.yaml")):
            load_standard(path.read_text(encoding="utf-8"))
        load_demo()
        ensure_demo_two_factor()
        try:
            yield folder
        finally:
            call_command("flush", interactive=False, verbosity=0)
