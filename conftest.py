"""Test-wide settings: every test gets its own private media folder."""

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


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
