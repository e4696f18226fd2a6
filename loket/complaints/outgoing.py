"""The one door from complaints to the outbox (loket.notify): notify's own
`queue_message`, and how a message names the complaint it is about.

(It once wrapped `queue_message` in a guard for a notify app not yet built; notify is
a lower layer, always installed, so the guard could never fire.)
"""

from loket.notify.actions import queue_message  # noqa: F401 - the door's one verb

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
