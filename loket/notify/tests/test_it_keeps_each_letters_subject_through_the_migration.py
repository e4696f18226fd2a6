"""Letters made while they pointed at a permit keep what they were about when the
foreign key becomes a subject: the permit as "permits.permit:<id>", its number as
the reference, the holder as the addressee, and the file's page as the link."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from loket.notify.models import Letter
from loket.testing import advance, file_for, make_applicant

BEFORE = [("notify", "0007_office_moved_to_core")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_keeps_subject_reference_and_addressee(sikts, office, officers):
    ready = advance(file_for(sikts, make_applicant(office, name="Siti Lama")), officers, 9)
    permit = ready.permit
    old = _migrate(BEFORE)
    try:
        OldLetter = old.get_model("notify", "Letter")
        made = OldLetter.objects.create(
            office_id=office.pk,
            permit_id=permit.pk,
            number="503/001/DPMPTSP/2027",
            stored_name="ab" * 20,
            sha256="0" * 64,
            address="Jl. Melati 1",
            due_on=dt.date(2027, 3, 1),
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    letter = Letter.objects.get(pk=made.pk)
    assert letter.subject == f"permits.permit:{permit.pk}"
    assert letter.reference == permit.number
    assert letter.addressee == "Siti Lama"
    assert letter.link == ready.get_absolute_url()
    assert letter.address == "Jl. Melati 1" and letter.number == "503/001/DPMPTSP/2027"
