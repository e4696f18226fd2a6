"""Gap-free counters per office, name and year (registration, permit, letter and
complaint numbers)."""

from django.db.models import F

from loket.core.models import Sequence


def next_in_sequence(office, name, year):
    """Advance a counter inside the caller's transaction (gap-free on rollback)."""
    seq, _created = Sequence.objects.get_or_create(office=office, name=name, year=year)
    Sequence.objects.filter(pk=seq.pk).update(last=F("last") + 1)
    seq.refresh_from_db(fields=["last"])
    return seq.last
