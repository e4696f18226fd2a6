"""The survey invitation the applicant gets when their file is closed."""

from loket.notify.actions import queue_message
from loket.notify.models import SMS
from loket.permits.messages import base_context, naming
from loket.surveys.actions import create_invitation


def survey_invite(application):
    """The file is closed: ask the applicant to rate the service (SKM), by SMS, once."""
    applicant = application.applicant
    if not applicant.phone:
        return []
    invitation = create_invitation(application)
    context = base_context(application) | {"url": invitation.public_url}
    return [
        queue_message(
            application.office,
            SMS,
            applicant.phone,
            "survey_invite",
            context,
            f"survey_invite:{application.pk}:sms",
            **naming(application),
            language=applicant.language,
        )
    ]
