"""Recount every report roll-up from the rows: after rows were written around the ORM
(a bulk load, a restore of rows only, the bench generator) or to check them
(`--check` recounts in a transaction that is rolled back and says what differed)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from loket.complaints import rollups as complaint_rollups
from loket.complaints.models import ComplaintRollup
from loket.permits import rollups as permit_rollups
from loket.permits.models import FilingRollup, HandoverRollup, IssueRollup, LateHandover
from loket.surveys import rollups as survey_rollups
from loket.surveys.models import SurveyRollup

# (name, rebuild, the roll-up tables it fills)
ROLLUPS = (
    ("permits", permit_rollups.rebuild, (HandoverRollup, LateHandover, FilingRollup, IssueRollup)),
    ("surveys", survey_rollups.rebuild, (SurveyRollup,)),
    ("complaints", complaint_rollups.rebuild, (ComplaintRollup,)),
)

_SKIP = {"id", "pk"}


def snapshot(models):
    """Every row of the tables as comparable tuples (without the surrogate id)."""
    out = {}
    for model in models:
        fields = [f.attname for f in model._meta.concrete_fields if f.attname not in _SKIP]
        out[model.__name__] = sorted(
            model.objects.values_list(*fields), key=lambda row: tuple(map(str, row))
        )
    return out


class _RolledBack(Exception):
    pass


class Command(BaseCommand):
    help = "Recount the report roll-ups (hand-overs, filings, permits, IKM, complaints)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="recount in a rolled-back transaction and fail if the kept roll-ups differ",
        )

    def handle(self, *args, check=False, **options):
        differ = []
        for name, rebuild, models in ROLLUPS:
            started = time.monotonic()
            if check:
                kept = snapshot(models)
                try:
                    with transaction.atomic():
                        rebuild()
                        if snapshot(models) != kept:
                            differ.append(name)
                        raise _RolledBack
                except _RolledBack:
                    pass
            else:
                rebuild()
            self.stdout.write(f"{name}: {time.monotonic() - started:.1f} s")
        if differ:
            raise CommandError("Roll-ups differ from the rows: " + ", ".join(differ))
        if check:
            self.stdout.write("The roll-ups equal the rows.")
