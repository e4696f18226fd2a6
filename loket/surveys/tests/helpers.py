"""Builders for the survey tests."""

from django.utils import timezone

from loket.surveys import rollups
from loket.surveys.models import SurveyResponse

PROFILE = {"age": 30, "sex": "P", "education": "s1", "occupation": "swasta"}


def form_data(scores=4, **overrides):
    """POST data for the survey form: every element scored `scores` (int or dict)."""
    data = dict(PROFILE)
    for i in range(1, 10):
        value = scores.get(f"u{i}", 4) if isinstance(scores, dict) else scores
        data[f"u{i}"] = value
    data.update(overrides)
    return data


def add_responses(service, count, scores=4, at=None, **extra):
    """`count` counted responses for `service` (as from a registered kiosk), scored like
    `form_data`."""
    at = at or timezone.now()
    data = form_data(scores)
    rows = [
        SurveyResponse(
            office_id=service.office_id,
            service=service,
            channel=SurveyResponse.KIOSK,
            counted=True,
            submitted_at=at,
            **{**data, **extra},
        )
        for _ in range(count)
    ]
    created = SurveyResponse.objects.bulk_create(rows)
    rollups.count_responses(created)  # bulk_create sends no post_save
    return created


def results_changed(office):
    """What a submitted response sets off (loket.surveys.tasks.refresh_follow_ups), for
    responses added directly with `add_responses`: the current period's weak elements
    get their follow-up items."""
    from loket.surveys.actions import refresh_follow_ups
    from loket.surveys.queries import current_period

    return refresh_follow_ups(office, current_period(office))
