"""Test-wide settings: every test gets its own private media folder."""

import pytest


@pytest.fixture(scope="session")
def demo_pki(tmp_path_factory):
    """One demo CA and timestamp authority for the whole run; each test enrols its
    officers' own certificates (loket.testing.advance does it for the Kepala Dinas)."""
    from loket.lib.demo_ca import make_demo_ca

    return make_demo_ca(tmp_path_factory.mktemp("pki"))


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path, demo_pki):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.SIGNATURE_BACKEND = "local"
    settings.SIGNING_DEMO_CA_DIR = str(demo_pki.directory)
    settings.SIGNING_TRUST_ROOTS = [str(demo_pki.cert_path)]
    settings.SIGNING_KEY_DIR = str(tmp_path / "keys")
    settings.SIGNING_TSA_URL = ""
    settings.SIGNING_CRLS = []
    settings.VAR_DIR = tmp_path / "var"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Test users need no slow key stretching; production keeps Django's default hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _officer_logins_pass_two_factor(monkeypatch):
    """Test-only: client.login/force_login of an officer also verifies the session's
    second factor (see loket/accounts/testing_login.py); 2FA tests opt out."""
    from loket.accounts.testing_login import install

    install(monkeypatch)


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings):
    """Rate-limit counters live in the cache: each test starts with none, in memory
    (the database cache of production is tested with real processes, and by tests
    that set it themselves: loket/accounts/tests/test_it_counts_limits_across_processes)."""
    from django.core.cache import cache, caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "loket-fragments",
        },
    }
    cache.clear()
    caches["fragments"].clear()  # the office identity a page shows (loket.core.identity)
    yield
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture
def sikts(db):
    """The SIKTS standard loaded (its office is DPMPTSP Kota Pekanbaru)."""
    from loket.testing import load_sikts

    return load_sikts()


@pytest.fixture
def office(sikts):
    return sikts.service.office


@pytest.fixture
def officers(office):
    """{role: user} with one officer per role in the SIKTS office."""
    from loket.testing import make_officers

    return make_officers(office)


@pytest.fixture
def applicant(office):
    from loket.testing import make_applicant

    return make_applicant(office)


@pytest.fixture
def application(sikts, applicant):
    """A SIKTS file just filed online; it waits at step 2 for the Front Office."""
    from loket.testing import file_for

    return file_for(sikts, applicant)
