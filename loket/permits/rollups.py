"""The permits app's roll-ups (models at the end of models.py): hand-overs per step,
officer and working minutes; the worst late hand-overs; files filed; permits numbered
and the working time up to their number.

Each is updated by a `post_save` receiver of the row it counts (connected in
`PermitsConfig.ready`), so inside the transaction of the action that wrote the row:
the engine's actions need no call of their own. Control-card entries and applications
are only ever inserted by the engine (a card is append-only; `filed_at` and a permit's
`numbered_at` never change), so counting inserts is exact. Rows written around the ORM
(the bench generator, `bulk_create`) are counted by `rebuild()`
(`manage.py rebuild_rollups`).
"""

from django.db import transaction
from django.db.models import Count, F, Max, Q, Sum, Window
from django.db.models.functions import RowNumber

from loket.core.rollups import (
    as_month,
    bump,
    month_of,
    quarter_of,
    truncated_month,
    truncated_quarter,
)
from loket.permits.models import (
    Application,
    ControlCardEntry,
    FilingRollup,
    HandoverRollup,
    IssueRollup,
    LateHandover,
    Permit,
)
from loket.standards.models import StandardVersion

# The late hand-overs kept per (office, service, quarter, officer): the supervision page
# lists the 50 worst of its filter.
LATE_KEPT = 50


def count_filing(application):
    service_id = StandardVersion.objects.filter(pk=application.version_id).values_list(
        "service_id", flat=True
    )[0]
    bump(
        FilingRollup,
        {
            "office_id": application.office_id,
            "service_id": service_id,
            "month": month_of(application.filed_at),
        },
        {"filed": 1},
    )


def _keep_late(entry, office_id, service_id, quarter, officer_key):
    group = {
        "office_id": office_id,
        "service_id": service_id,
        "quarter": quarter,
        "officer_key": officer_key,
    }
    LateHandover.objects.create(entry=entry, late_minutes=entry.late_minutes, **group)
    beyond = (
        LateHandover.objects.filter(**group)
        .order_by("-late_minutes", "entry_id")
        .values_list("pk", flat=True)[LATE_KEPT:]
    )
    LateHandover.objects.filter(pk__in=list(beyond)).delete()


def count_handover(entry):
    file = Application.objects.filter(pk=entry.application_id).values(
        "office_id", "version__service_id", "permit__numbered_at"
    )[0]
    office_id, service_id = file["office_id"], file["version__service_id"]
    if entry.elapsed_minutes is not None:
        quarter = quarter_of(entry.at)
        late = entry.late_minutes is not None and entry.late_minutes > 0
        officer_key = entry.officer_id or 0
        bump(
            HandoverRollup,
            {
                "office_id": office_id,
                "service_id": service_id,
                "quarter": quarter,
                "step_no": entry.step_no,
                "officer_key": officer_key,
                "elapsed_minutes": entry.elapsed_minutes,
            },
            {"n": 1, "late": int(late), "late_minutes": entry.late_minutes if late else 0},
            highest={"role": entry.role, "standard_minutes": entry.standard_minutes},
        )
        if late:
            _keep_late(entry, office_id, service_id, quarter, officer_key)
    numbered_at = file["permit__numbered_at"]
    if numbered_at is not None and entry.at <= numbered_at:
        # A hand-over recorded at the instant of the number (the numbering step's own).
        earlier = (
            ControlCardEntry.objects.filter(
                application_id=entry.application_id,
                event=ControlCardEntry.HANDED_OVER,
                at__lte=numbered_at,
            )
            .exclude(pk=entry.pk)
            .exists()
        )
        bump(
            IssueRollup,
            {"office_id": office_id, "month": month_of(numbered_at)},
            {"files": 0 if earlier else 1, "minutes": entry.elapsed_minutes or 0},
        )


def count_permit(permit):
    month = month_of(permit.numbered_at)
    bump(IssueRollup, {"office_id": permit.office_id, "month": month}, {"permits": 1})
    card = ControlCardEntry.objects.filter(
        application_id=permit.application_id,
        event=ControlCardEntry.HANDED_OVER,
        at__lte=permit.numbered_at,
    ).aggregate(n=Count("*"), minutes=Sum("elapsed_minutes"))
    if card["n"]:
        office_id = Application.objects.filter(pk=permit.application_id).values_list(
            "office_id", flat=True
        )[0]
        bump(
            IssueRollup,
            {"office_id": office_id, "month": month},
            {"files": 1, "minutes": card["minutes"] or 0},
        )


def on_application_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        count_filing(instance)


def on_card_entry_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.event == ControlCardEntry.HANDED_OVER:
        count_handover(instance)


def on_permit_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        count_permit(instance)


# --- Rebuilding from the rows ---------------------------------------------------------


def _batches(objects, size=2000):
    batch = []
    for obj in objects:
        batch.append(obj)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rebuild_handovers():
    late = Q(late_minutes__gt=0)
    rows = (
        ControlCardEntry.objects.filter(
            event=ControlCardEntry.HANDED_OVER, elapsed_minutes__isnull=False
        )
        .annotate(m=truncated_quarter("at"))
        .values(
            "application__office_id",
            "application__version__service_id",
            "m",
            "step_no",
            "officer_id",
            "elapsed_minutes",
        )
        .annotate(
            role_=Max("role"),
            n_=Count("*"),
            late_=Count("pk", filter=late),
            late_sum=Sum("late_minutes", filter=late),
            standard=Max("standard_minutes"),
        )
        .order_by()
    )
    objects = (
        HandoverRollup(
            office_id=r["application__office_id"],
            service_id=r["application__version__service_id"],
            quarter=as_month(r["m"]),
            step_no=r["step_no"],
            officer_key=r["officer_id"] or 0,
            elapsed_minutes=r["elapsed_minutes"],
            role=r["role_"],
            n=r["n_"],
            late=r["late_"],
            late_minutes=r["late_sum"] or 0,
            standard_minutes=r["standard"],
        )
        for r in rows.iterator(chunk_size=2000)
    )
    for batch in _batches(objects):
        HandoverRollup.objects.bulk_create(batch)


def _rebuild_late():
    group = [
        F("application__office_id"),
        F("application__version__service_id"),
        truncated_quarter("at"),
        F("officer_id"),
    ]
    ranked = (
        ControlCardEntry.objects.filter(
            event=ControlCardEntry.HANDED_OVER,
            elapsed_minutes__isnull=False,
            late_minutes__gt=0,
        )
        .annotate(
            rank=Window(RowNumber(), partition_by=group, order_by=[F("late_minutes").desc(), "pk"]),
            m=truncated_quarter("at"),
        )
        .filter(rank__lte=LATE_KEPT)
        .values_list(
            "pk",
            "application__office_id",
            "application__version__service_id",
            "m",
            "officer_id",
            "late_minutes",
        )
    )
    objects = (
        LateHandover(
            entry_id=pk,
            office_id=office_id,
            service_id=service_id,
            quarter=as_month(m),
            officer_key=officer_id or 0,
            late_minutes=late,
        )
        for pk, office_id, service_id, m, officer_id, late in ranked.iterator(chunk_size=2000)
    )
    for batch in _batches(objects):
        LateHandover.objects.bulk_create(batch)


def _rebuild_filings():
    rows = (
        Application.objects.annotate(m=truncated_month("filed_at"))
        .values_list("office_id", "version__service_id", "m")
        .annotate(n=Count("*"))
        .order_by()
    )
    FilingRollup.objects.bulk_create(
        FilingRollup(office_id=o, service_id=s, month=as_month(m), filed=n) for o, s, m, n in rows
    )


def _rebuild_issues():
    found = {}
    for office_id, m, n in (
        Permit.objects.annotate(m=truncated_month("numbered_at"))
        .values_list("office_id", "m")
        .annotate(n=Count("*"))
        .order_by()
    ):
        found.setdefault((office_id, as_month(m)), [0, 0, 0])[0] = n
    for office_id, m, minutes, files in (
        ControlCardEntry.objects.filter(
            event=ControlCardEntry.HANDED_OVER,
            application__permit__isnull=False,
            at__lte=F("application__permit__numbered_at"),
        )
        .annotate(m=truncated_month("application__permit__numbered_at"))
        .values_list("application__office_id", "m")
        .annotate(minutes=Sum("elapsed_minutes"), files=Count("application", distinct=True))
        .order_by()
    ):
        row = found.setdefault((office_id, as_month(m)), [0, 0, 0])
        row[1], row[2] = files, minutes or 0
    IssueRollup.objects.bulk_create(
        IssueRollup(office_id=o, month=m, permits=p, files=f, minutes=mins)
        for (o, m), (p, f, mins) in found.items()
    )


def rebuild():
    """Recount every permits roll-up from the rows, in one transaction."""
    with transaction.atomic():
        for model in (HandoverRollup, LateHandover, FilingRollup, IssueRollup):
            model.objects.all().delete()
        _rebuild_handovers()
        _rebuild_late()
        _rebuild_filings()
        _rebuild_issues()
