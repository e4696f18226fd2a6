"""The channels a message can go out by, in one registry.

A channel is one module with a ``CHANNEL`` (a `Channel`) plus one line in
``MODULES`` below: its code (stored on each outbox row and message template), its
label, how to send a message, how to clean and mask a recipient, how its text is
shaped (SMS: plain GSM-7) and how long it may be (SMS: two segments). Everything in
notify that depends on the channel (queueing, delivery by the worker, masking on lists,
the choices of the model fields) asks this registry; nothing names a channel in an ``if``.

Loaded in NotifyConfig.ready. A test (or a deployment's own app) may `register` a
channel of its own the same way.
"""

from dataclasses import dataclass
from importlib import import_module

from loket.lib.masks import mask_contact

#: One line per channel.
MODULES = (
    "loket.notify.channels.sms",
    "loket.notify.channels.email",
    "loket.notify.channels.letter",
)

_REGISTRY = {}


def _as_is(subject, body):
    return subject, body


def _no_limit(body):
    return 0


@dataclass(frozen=True)
class Channel:
    code: str
    label: object
    # send(message): hand one outbox row to the carrier, passing its idempotency key;
    # raise (any exception) to fail the attempt. None: the worker does not send it
    # (a letter is printed and posted by the Back Office).
    send: object = None
    # clean(recipient) -> the recipient as stored; raises ValueError when unusable.
    clean: object = str.strip
    # mask(recipient) -> what lists, exports and logs show.
    mask: object = mask_contact
    # prepare(subject, body) -> (subject, body) as the channel carries them.
    prepare: object = _as_is
    # overflow(body) -> how far the prepared body is over what one message of this
    # channel may carry (0 or less: it fits). Rendering shortens the free-text values
    # of the message, at word boundaries, until it fits (loket.notify.actions).
    overflow: object = _no_limit


def register(channel):
    _REGISTRY[channel.code] = channel
    return channel


def unregister(code):
    _REGISTRY.pop(code, None)


def get(code):
    """The channel registered under ``code``; LookupError for an unknown one."""
    try:
        return _REGISTRY[code]
    except KeyError:
        raise LookupError(f"no channel {code!r}") from None


def all_channels():
    return list(_REGISTRY.values())


def choices():
    """(code, label) of every channel: the choices of the model fields (read lazily,
    so a new channel needs no migration)."""
    return [(c.code, c.label) for c in _REGISTRY.values()]


def load():
    for path in MODULES:
        register(import_module(path).CHANNEL)
