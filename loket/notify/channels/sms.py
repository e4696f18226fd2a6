"""SMS through the gateway named by settings.SMS_BACKEND (loket.notify.gateways)."""

import re
import unicodedata

from loket.lib import sms
from loket.lib.phones import mask_phone, normalize_phone
from loket.notify import gateways
from loket.notify.channels import Channel

CODE = "sms"
# Every SMS fits in two segments (306 GSM-7 characters); longer ones cost more and
# some phones show them badly.
MAX_SEGMENTS = 2

# ASCII characters that GSM-7 has no place for: the backtick, and control characters
# other than the line feed.
_NOT_GSM = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_DOTS = re.compile(r"\.{4,}")


def gsm_safe(text):
    """Plain ASCII that is all GSM-7, so an SMS is billed in 160-character segments,
    not 70 (UCS-2): accents are dropped ("é" is "e"), "…" is "...", tabs are spaces."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NOT_GSM.sub(" ", text.replace("`", "'").replace("\r\n", "\n"))
    # A value shortened with "…" before the template's full stop reads "...." otherwise.
    return _DOTS.sub("...", text)


def send(message):
    gateways.sms_gateway().send(message.recipient, message.body, message.idempotency_key)


def prepare(subject, body):
    return subject, gsm_safe(body)


def overflow(body):
    return sms.overflow(body, MAX_SEGMENTS)


CHANNEL = Channel(
    code=CODE,
    label="SMS",
    send=send,
    clean=normalize_phone,
    mask=mask_phone,
    prepare=prepare,
    overflow=overflow,
)
