"""What the surveys app holds about an applicant, for their data export: the answer
they gave about each of their files (registered in SurveysConfig.ready)."""

from loket.core.personal_data import export_time as when
from loket.surveys.models import SurveyResponse

SCORES = ("u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9")


def _response(response):
    return {
        "submitted_at": when(response.submitted_at),
        "channel": response.channel,
        "channel_label": str(response.get_channel_display()),
        "scores": {u.upper(): getattr(response, u) for u in SCORES},
        "age": response.age,
        "sex": response.sex,
        "education": response.education,
        "occupation": response.occupation,
        "comment": response.comment,
    }


def provide(subject):
    """Adds `survey_response` to each file of the "applications" section."""
    answers = {
        r.invitation.application.reg_number: _response(r)
        for r in SurveyResponse.objects.filter(
            invitation__application__applicant=subject.applicant
        ).select_related("invitation__application")
    }
    for application in subject.export.get("applications", []):
        application["survey_response"] = answers.get(application["reg_number"])
