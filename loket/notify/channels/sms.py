"""SMS through the gateway named by settings.SMS_BACKEND (loket.notify.gateways)."""

import unicodedata

from loket.lib.phones import mask_phone, normalize_phone
from loket.notify import gateways
from loket.notify.channels import Channel

CODE = "sms"


def gsm_safe(text):
    """Plain ASCII, so an SMS is billed in 160-character GSM-7 segments, not 70 (UCS-2)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def send(message):
    gateways.sms_gateway().send(message.recipient, message.body, message.idempotency_key)


def prepare(subject, body):
    return subject, gsm_safe(body)


CHANNEL = Channel(
    code=CODE, label="SMS", send=send, clean=normalize_phone, mask=mask_phone, prepare=prepare
)
