"""The one door from complaints to the outbox (loket.notify).

The notify app is built alongside this one; until its `queue_message` exists the
answer is still recorded and the missing outbox is logged, so complaint handling
never stops because a message could not be queued.
"""

import logging

from loket.lib.masks import mask_contact

log = logging.getLogger(__name__)

# How an outbox message names the complaint it is about (notify's ``Outbox.about``).
ABOUT_COMPLAINT = "complaints.complaint:"


def about_complaint(complaint_id):
    return f"{ABOUT_COMPLAINT}{complaint_id}"


def naming(complaint):
    """What a message about the complaint names it by, and shows of it on officers'
    lists (its ticket, its page)."""
    return {
        "about": about_complaint(complaint.pk),
        "reference": complaint.ticket,
        "link": complaint.get_absolute_url(),
    }


def queue_message(
    office,
    channel,
    recipient,
    template_code,
    context,
    key,
    *,
    about="",
    reference="",
    link="",
    language="id",
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
        about=about,
        reference=reference,
        link=link,
        language=language,
    )
