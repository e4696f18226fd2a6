"""HttpSMS against a local gateway: what counts as accepted, what is an error the
outbox retries, the credentials it sends, and one kept-alive connection per worker."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from loket.notify.gateways import GatewayError, HttpSMS


class _Gateway(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answer = 200
        self.seen = []  # (client port, headers, body)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self):  # noqa: N802 (the http.server API)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.seen.append((self.client_address[1], dict(self.headers), json.loads(body)))
        self.send_response(self.server.answer)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = _Gateway()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_HTTP_URL = f"http://127.0.0.1:{server.server_port}/sms"
    settings.SMS_HTTP_TOKEN = "rahasia"
    yield server
    server.shutdown()
    server.server_close()


def test_it_posts_the_message_with_its_key_and_reuses_the_connection(gateway):
    HttpSMS().send("081234567890", 'Izin "SIKTS" siap', "k-1")
    HttpSMS().send("081234567890", "Kedua", "k-2")
    (port1, headers, body), (port2, _h, body2) = gateway.seen
    assert body == {"to": "081234567890", "text": 'Izin "SIKTS" siap', "idempotency_key": "k-1"}
    assert headers["Idempotency-Key"] == "k-1"
    assert headers["Authorization"] == "Bearer rahasia"
    assert body2["idempotency_key"] == "k-2"
    # The second message went over the first one's connection (no new handshake).
    assert port1 == port2


@pytest.mark.parametrize("status", [201, 409])
def test_2xx_and_409_are_acceptance(gateway, status):
    gateway.answer = status
    HttpSMS().send("081234567890", "x", f"k-{status}")


@pytest.mark.parametrize("status", [302, 400, 500, 503])
def test_other_answers_are_a_failed_attempt_sent_once(gateway, status):
    gateway.answer = status
    with pytest.raises(GatewayError, match=str(status)):
        HttpSMS().send("081234567890", "x", "k")
    assert len(gateway.seen) == 1  # never retried behind the outbox's back


def test_an_unreachable_gateway_is_a_failed_attempt(settings):
    settings.SMS_HTTP_URL = "http://127.0.0.1:9/sms"  # discard port: refused
    with pytest.raises(GatewayError, match="unreachable"):
        HttpSMS().send("081234567890", "x", "k")


def test_it_sends_the_key_in_the_header_the_gateway_names(gateway, settings):
    """SMS_HTTP_IDEMPOTENCY_HEADER names the header; empty, only the body carries it."""
    settings.SMS_HTTP_IDEMPOTENCY_HEADER = "X-Request-Key"
    HttpSMS().send("081234567890", "Satu", "k-9")
    settings.SMS_HTTP_IDEMPOTENCY_HEADER = ""
    HttpSMS().send("081234567890", "Dua", "k-10")
    (_p, named, _b), (_p2, none, body) = gateway.seen
    assert named["X-Request-Key"] == "k-9" and "Idempotency-Key" not in named
    assert "Idempotency-Key" not in none and "X-Request-Key" not in none
    assert body["idempotency_key"] == "k-10"
