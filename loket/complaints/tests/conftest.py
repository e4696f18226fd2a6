"""Fixtures of the complaints tests: a clean rate-limit cache and a recording outbox."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    # Officers are made per test; the real hasher would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def outbox(monkeypatch):
    """Messages queued for the notify outbox, recorded instead of sent."""
    sent = []

    def fake(office, channel, recipient, template_code, context, key, *, language="id", **_about):
        sent.append(
            {
                "channel": channel,
                "recipient": recipient,
                "template": template_code,
                "context": context,
                "key": key,
                "language": language,
            }
        )

    monkeypatch.setattr("loket.complaints.outgoing.queue_message", fake)
    return sent


@pytest.fixture
def handler(officers):
    return officers["pengelola_pengaduan"]
