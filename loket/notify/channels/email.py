"""Email through Django's mail backend (settings.EMAIL_BACKEND)."""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from loket.lib.masks import mask_email
from loket.notify import gateways
from loket.notify.channels import Channel

CODE = "email"


def clean(recipient):
    value = str(recipient or "").strip()
    try:
        validate_email(value)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc
    return value


def send(message):
    gateways.send_email(message.recipient, message.subject, message.body, message.idempotency_key)


CHANNEL = Channel(code=CODE, label=_("Email"), send=send, clean=clean, mask=mask_email)
