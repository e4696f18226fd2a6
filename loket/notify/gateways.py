"""Channels that carry a message out: SMS gateways and email.

Every gateway receives the message's idempotency key. A worker that crashes after
the gateway accepted a message but before the outbox row says "sent" sends the
same message again with the same key; a gateway that dedupes on the key (the
HTTP backend passes it as a header, ``Idempotency-Key`` unless the gateway names
another in SMS_HTTP_IDEMPOTENCY_HEADER, and as the body's ``{key}``) then delivers
it once. Local backends (console, file) are for development.
"""

import json
import sys
from base64 import b64encode
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string

from loket.lib.masks import mask_for_log


class GatewayError(Exception):
    """The message was not accepted; the worker retries later."""


def _append(path, line):
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


class ConsoleSMS:
    """Development: print the SMS on the worker's console and append it to var/sms.log.

    Both are logs: the number is masked and the secrets of links (tracking codes,
    survey tokens) hidden; the message itself is in the outbox.
    """

    def send(self, to, text, key):
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        line = mask_for_log(f"[SMS {stamp}] to {to} ({key}): {text}")
        print(line, file=sys.stdout, flush=True)
        _append(Path(settings.VAR_DIR) / "sms.log", line)


class FileSMS:
    """Append each SMS as one JSON line to settings.SMS_FILE_PATH (tests, audits)."""

    def send(self, to, text, key):
        _append(
            settings.SMS_FILE_PATH,
            json.dumps({"to": to, "text": text, "key": key}, ensure_ascii=False),
        )


class HttpSMS:
    """A generic HTTP SMS gateway: POST of a JSON body built from SMS_HTTP_TEMPLATE.

    The template is JSON text with ``{to}``, ``{text}`` and ``{key}`` placeholders
    (values are JSON-escaped). Credentials: SMS_HTTP_TOKEN (Bearer) or
    SMS_HTTP_USER/SMS_HTTP_PASSWORD (Basic). A 2xx answer is acceptance; 409 means
    the gateway already has this key, which is acceptance too.
    """

    def send(self, to, text, key):
        # urllib3 only in the worker that delivers, not in every page worker.
        import urllib3

        if not settings.SMS_HTTP_URL:
            raise GatewayError("SMS_HTTP_URL is not set")
        body = settings.SMS_HTTP_TEMPLATE
        for name, value in (("to", to), ("text", text), ("key", key)):
            body = body.replace("{" + name + "}", json.dumps(value)[1:-1])
        headers = {"Content-Type": "application/json"}
        header = getattr(settings, "SMS_HTTP_IDEMPOTENCY_HEADER", "Idempotency-Key")
        if header:
            # The key is ours (the outbox's), never a stranger's; a line break in it
            # would still be refused by urllib3 rather than split the header.
            headers[header] = key
        if settings.SMS_HTTP_TOKEN:
            headers["Authorization"] = f"Bearer {settings.SMS_HTTP_TOKEN}"
        elif settings.SMS_HTTP_USER:
            pair = f"{settings.SMS_HTTP_USER}:{settings.SMS_HTTP_PASSWORD}".encode()
            headers["Authorization"] = "Basic " + b64encode(pair).decode("ascii")
        try:
            response = _http().request(
                "POST",
                settings.SMS_HTTP_URL,
                body=body.encode("utf-8"),
                headers=headers,
                timeout=urllib3.Timeout(total=settings.SMS_HTTP_TIMEOUT),
                # A retry here would be a second send outside the outbox's attempts;
                # a redirect is not an acceptance.
                retries=False,
                redirect=False,
            )
        except urllib3.exceptions.HTTPError as exc:
            raise GatewayError(f"SMS gateway unreachable: {exc}") from exc
        if response.status == 409 or 200 <= response.status < 300:
            return
        raise GatewayError(f"HTTP {response.status} from the SMS gateway")


_POOL = None


def _http():
    """One connection pool per process: a worker keeps its connection to the gateway
    open between messages instead of a TCP (and TLS) handshake for each one."""
    global _POOL
    if _POOL is None:
        import urllib3

        _POOL = urllib3.PoolManager(num_pools=4, maxsize=4)
    return _POOL


def sms_gateway():
    return import_string(settings.SMS_BACKEND)()


def send_email(to, subject, body, key):
    # The Message-ID comes from the key, so a re-sent copy is recognisably the same mail.
    mail = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": f"<{key.replace(':', '.')}@loket>", "X-Idempotency-Key": key},
    )
    try:
        mail.send(fail_silently=False)
    except OSError as exc:
        raise GatewayError(f"email not sent: {exc}") from exc
