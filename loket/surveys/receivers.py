"""The survey's part in a file's life, told by the permits engine's signals."""

from django.dispatch import receiver

from loket.permits.signals import application_closed, application_filed
from loket.surveys import messages
from loket.surveys.actions import create_invitation


@receiver(application_filed, dispatch_uid="surveys_invitation_on_filing")
def invitation_on_filing(sender, application, **kwargs):
    """The receipt carries the survey link; it opens once the file is done."""
    create_invitation(application)


@receiver(application_closed, dispatch_uid="surveys_invite_on_closing")
def invite_on_closing(sender, application, **kwargs):
    """The file is closed: ask the applicant to rate the service."""
    messages.survey_invite(application)
