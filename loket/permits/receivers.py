"""What the permits app does when a lower app announces something (connected in
PermitsConfig.ready)."""

from django.dispatch import receiver

from loket.notify.signals import letter_sent
from loket.permits.issuance import permit_of_letter
from loket.permits.models import Permit


@receiver(letter_sent, dispatch_uid="permits_letter_sent")
def note_letter_sent(sender, letter, sent_at, **kwargs):
    """The one-month letter went out: the permit records when (step 9's record)."""
    permit_id = permit_of_letter(letter.subject)
    if permit_id is not None:
        Permit.objects.filter(pk=permit_id).update(letter_sent_at=sent_at)
