"""Demo survey data: a season of responses with one weak element (U3, completion
time), so the report shows mutu C for it and opens a follow-up item."""

import random
from datetime import timedelta

from django.utils import timezone

from loket.permits.models import Application
from loket.standards.models import Service
from loket.surveys import actions, kiosks, queries, rollups
from loket.surveys.models import KioskDevice, SurveyResponse

COMMENTS = [
    "Petugas ramah dan membantu.",
    "Prosesnya agak lama menunggu tanda tangan.",
    "Mohon informasi waktu penyelesaian lebih jelas.",
    "Ruang tunggu nyaman.",
    "",
    "",
]


def _answers(rng, weak):
    scores = {f"u{i}": rng.choice((3, 3, 4, 4, 4)) for i in range(1, 10)}
    if weak:
        scores[weak] = rng.choice((2, 2, 2, 3, 1))
    return scores


def load_demo_surveys(office, count=60, weak="u3", seed=2026):
    """~`count` responses in the current period (and half as many in the previous one
    for the trend), then open the follow-up items; returns the number created."""
    service = Service.objects.filter(office=office, current__isnull=False).order_by("pk").first()
    if service is None:
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    # The demo's answers come from a kiosk registered in the office, so they count; its
    # token is thrown away (register a real kiosk at /survei/perangkat-kios/).
    device, _created = KioskDevice.objects.get_or_create(
        office=office,
        name="Kios demo",
        defaults={"token_hash": kiosks.token_hash(kiosks.new_token()), "registered_at": now},
    )
    period = queries.current_period(office)
    responses = []
    for which, n in ((period, count), (period.previous(), count // 2)):
        start, end = queries.bounds(which)
        end = min(end, now)
        span = max(int((end - start).total_seconds()), 1)
        for _ in range(n):
            responses.append(
                SurveyResponse(
                    office=office,
                    service=service,
                    channel=SurveyResponse.KIOSK,
                    device=device,
                    counted=True,
                    submitted_at=start + timedelta(seconds=rng.randrange(span)),
                    age=rng.randint(22, 58),
                    sex=rng.choice(("L", "P")),
                    education=rng.choice(("sma", "d123", "s1", "s1", "s2")),
                    occupation=rng.choice(("pns", "swasta", "swasta", "wirausaha", "lainnya")),
                    comment=rng.choice(COMMENTS),
                    **_answers(rng, weak if which == period else None),
                )
            )
    SurveyResponse.objects.bulk_create(responses)
    rollups.count_responses(responses)  # bulk_create sends no post_save
    actions.ensure_invitations(Application.objects.filter(office=office))
    actions.open_follow_ups(office, period, queries.ikm_for_period(office, period))
    return len(responses)
