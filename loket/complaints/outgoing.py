"""The one door from complaints to the outbox (loket.notify).

The notify app is built alongside this one; until its `queue_message` exists the
answer is still recorded and the missing outbox is logged, so complaint handling
never stops because a message could not be queued.
"""

import logging

from loket.lib.masks import mask_contact

log = logging.getLogger(__name__)


def queue_message(
    office, channel, recipient, template_code, context, key, application=None, language="id"
):
    try:
        from loket.notify.actions import queue_message as notify_queue
    except ImportError:
        log.warning(
            "notify outbox not available; message %s to %s not queued", key, mask_contact(recipient)
        )
        return None
    return notify_queue(
        office,
        channel,
        recipient,
        template_code,
        context,
        key,
        application=application,
        language=language,
    )
