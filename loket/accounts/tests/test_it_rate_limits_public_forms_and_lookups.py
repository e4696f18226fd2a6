"""Every public form and lookup is limited per client address, with a clear 429."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from loket.lib.ratelimit import LIMITS
from loket.testing import MINIMAL_PDF


def _public_calls(sikts):
    office, service = sikts.service.office.code, sikts.service.code
    lookup = {"reg": "SIKTS-0000", "code": "XXXX"}
    return {
        # scope: [(method, path, data), ...] every entry point the scope guards
        "track": [("get", "/lacak/", lookup), ("get", "/api/v1/permits/track", lookup)],
        "verify": [("get", "/v/TIDAKADA", {}), ("get", "/api/v1/issuance/verify/TIDAKADA", {})],
        "verify_check": [
            ("post", "/v/TIDAKADA", {}),
            ("post", "/api/v1/issuance/verify/TIDAKADA/check", "pdf"),
        ],
        "survey": [
            ("post", f"/survei/isi/{office}/{service}/", {"age": "x"}),
            ("post", "/survei/u/tidak-ada/", {"age": "x"}),
            ("post", "/api/v1/surveys/responses", "json"),
        ],
        "survey_kiosk": [("post", f"/survei/kios/{office}/{service}/", {"age": "x"})],
        "register": [("post", "/akun/daftar/", {"full_name": "x"})],
        "complaint_file": [("post", "/pengaduan/", {"description": "x"})],
        "complaint_track": [
            ("get", "/pengaduan/lacak/", {"ticket": "X", "code": "Y"}),
            ("get", "/api/v1/complaints/track", {"ticket": "X", "code": "Y"}),
        ],
        # API clients' token requests: a secret cannot be guessed quickly.
        "api_token": [("post", "/api/v1/token", {"grant_type": "client_credentials"})],
    }


def _call(client, method, path, data, address):
    if data == "json":
        return client.post(
            path,
            '{"office": "x", "service": "y"}',
            content_type="application/json",
            REMOTE_ADDR=address,
        )
    if data == "pdf":
        data = {"pdf": SimpleUploadedFile("izin.pdf", MINIMAL_PDF, "application/pdf")}
    return getattr(client, method)(path, data, REMOTE_ADDR=address)


@pytest.mark.parametrize(
    "scope",
    [
        "track",
        "verify",
        "verify_check",
        "survey",
        "survey_kiosk",
        "register",
        "complaint_file",
        "complaint_track",
        "api_token",
    ],
)
def test_it_answers_429_past_the_limit(scope, sikts, settings):
    """Past the limit each entry point of the scope answers 429; another address is fine."""
    settings.COMPLAINTS_MIN_FILL_SECONDS = 0
    setting_name = LIMITS[scope][0]
    calls = _public_calls(sikts)[scope]
    for method, path, data in calls:
        cache.clear()
        setattr(settings, setting_name, 2)
        client = Client()
        for _ in range(2):
            assert _call(client, method, path, data, "10.1.1.1").status_code != 429, path
        blocked = _call(client, method, path, data, "10.1.1.1")
        assert blocked.status_code == 429, path
        assert int(blocked["Retry-After"]) > 0
        body = blocked.content.decode()
        assert "Terlalu banyak permintaan" in body, path
        if path.startswith("/api/"):
            assert blocked.json()["detail"]
        assert _call(client, method, path, data, "10.1.1.2").status_code != 429, path


def test_it_counts_only_lookups_not_the_empty_page(db, settings):
    """Opening the tracking page is free; only searches count."""
    settings.RATE_TRACK = 1
    client = Client()
    for _ in range(5):
        assert client.get("/lacak/").status_code == 200
    assert client.get("/lacak/", {"reg": "A", "code": "B"}).status_code == 200
    assert client.get("/lacak/", {"reg": "A", "code": "B"}).status_code == 429


def test_it_limits_second_factor_attempts(officers, settings):
    """The code page is limited per address too (on top of the device's own slow-down)."""
    from loket.accounts.testing_login import plain_force_login

    settings.RATE_OTP = 2
    client = Client()
    plain_force_login(client, officers["front_office"])
    for _ in range(2):
        assert client.post("/akun/verifikasi/", {"otp_token": "1"}).status_code == 200
    assert client.post("/akun/verifikasi/", {"otp_token": "1"}).status_code == 429


def test_it_keys_by_the_proxy_header_when_told(db, settings):
    """Behind a proxy, TRUSTED_PROXY_HEADER names the client's address."""
    settings.RATE_TRACK = 1
    settings.TRUSTED_PROXY_HEADER = "HTTP_X_REAL_IP"
    client = Client()
    lookup = {"reg": "A", "code": "B"}
    assert client.get("/lacak/", lookup, HTTP_X_REAL_IP="203.0.113.1").status_code == 200
    assert client.get("/lacak/", lookup, HTTP_X_REAL_IP="203.0.113.1").status_code == 429
    assert client.get("/lacak/", lookup, HTTP_X_REAL_IP="203.0.113.2").status_code == 200
