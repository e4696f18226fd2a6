"""Personal data in notify's own tables, erased at the request of the app that owns
the record a message or letter was about.

notify does not know what a message was about (a file, a complaint): the app that
owns that record decides when its retention period is over and calls these, in its
own retention rule's transaction (see loket.core.personal_data).
"""

from loket.core.personal_data import ERASED
from loket.notify.models import Letter, Outbox


def erase_messages(about):
    """Clear recipient and text of the messages matching ``about`` (a Q on Outbox);
    returns how many."""
    return Outbox.objects.filter(about).update(recipient="", subject="", body=ERASED, last_error="")


def erase_letters(subjects, addressee=""):
    """Clear the address of the letters about ``subjects``; the addressee becomes
    ``addressee`` (the label the owner gives an anonymised person, or blank)."""
    return Letter.objects.filter(subject__in=list(subjects)).update(addressee=addressee, address="")
