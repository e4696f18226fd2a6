"""The survey roll-up (`SurveyRollup`): respondents per office, service and month, by
answer. Only counted responses are in it (tied to an invitation or a registered kiosk;
see SurveyResponse.counted). A response is inserted once and its only change is from
held to counted (an officer's review), never back, so counting is exact: `post_save`
counts a response when it is saved counted, at its insert or at that review, in the
transaction that writes it; rows inserted with `bulk_create` (the demo) are counted by
`count_responses`, and `rebuild()` (`manage.py rebuild_rollups`) recounts everything
from the rows.
"""

from collections import Counter

from django.db import transaction
from django.db.models import Count

from loket.core.rollups import as_month, bump, month_of, truncated_month
from loket.surveys.models import SurveyResponse, SurveyRollup

ELEMENTS = tuple(f"u{i}" for i in range(1, 10))
PROFILE = ("sex", "education", "occupation", "age")
ALL = "all"


def _keys(response):
    base = (response.office_id, response.service_id, month_of(response.submitted_at))
    yield (*base, ALL, "")
    for item in ELEMENTS + PROFILE:
        value = getattr(response, item)
        if value is not None and value != "":
            yield (*base, item, str(value))


def _counted(responses):
    return Counter(key for response in responses for key in _keys(response))


def count_responses(responses):
    """Count responses inserted around `post_save` (bulk_create); held ones are not."""
    responses = [r for r in responses if r.counted]
    for (office_id, service_id, month, item, value), n in _counted(responses).items():
        bump(
            SurveyRollup,
            {
                "office_id": office_id,
                "service_id": service_id,
                "month": month,
                "item": item,
                "value": value,
            },
            {"n": n},
        )


def on_response_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or not instance.counted:
        return
    # Inserted counted, or a held response counted at review (its one change).
    if created or (update_fields is not None and "counted" in update_fields):
        count_responses([instance])


def rebuild():
    """Recount the survey roll-up from the responses (one GROUP BY per item), in one
    transaction."""
    with transaction.atomic():
        SurveyRollup.objects.all().delete()
        responses = SurveyResponse.objects.filter(counted=True).annotate(
            m=truncated_month("submitted_at")
        )
        found = [
            (o, s, m, ALL, "", n)
            for o, s, m, n in responses.values_list("office_id", "service_id", "m")
            .annotate(n=Count("*"))
            .order_by()
        ]
        for item in ELEMENTS + PROFILE:
            found += [
                (o, s, m, item, str(value), n)
                for o, s, m, value, n in responses.exclude(**{f"{item}__isnull": True})
                .exclude(**{item: ""} if item in ("sex", "education", "occupation") else {})
                .values_list("office_id", "service_id", "m", item)
                .annotate(n=Count("*"))
                .order_by()
            ]
        SurveyRollup.objects.bulk_create(
            (
                SurveyRollup(
                    office_id=o, service_id=s, month=as_month(m), item=item, value=value, n=n
                )
                for o, s, m, item, value, n in found
            ),
            batch_size=2000,
        )
