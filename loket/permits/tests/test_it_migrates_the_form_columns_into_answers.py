"""The migration that made the form data loses nothing (permits 0007 and 0008).

A database at the migration before holds files in every status, with and without the
optional columns, some with permits; after migrating, each file's answers hold
exactly its old columns (the STR number encrypted apart), each permit keeps the
STR's date as its validity, and the stored standard describes the form.
"""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("permits", "0006_office_and_sequence_moved_to_core"),
    ("standards", "0002_office_moved_to_core"),
    ("accounts", "0007_office_moved_to_core"),
]
AFTER = [("permits", "0008_drop_the_form_columns")]
STATUSES = ["processing", "returned", "ready", "collected"]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Whatever happens, later tests find every migration applied."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_it_moves_every_column_of_every_file_into_answers(back_to_latest):
    old = _migrate(BEFORE)
    Office = old.get_model("core", "Office")
    Service = old.get_model("standards", "Service")
    Version = old.get_model("standards", "StandardVersion")
    Applicant = old.get_model("accounts", "Applicant")
    Application = old.get_model("permits", "Application")
    Permit = old.get_model("permits", "Permit")
    now = timezone.now()
    office = Office.objects.create(code="lama", name="Kantor lama", city="Kota")
    service = Service.objects.create(office=office, code="sikts", name="SIKTS")
    version = Version.objects.create(
        service=service,
        number=1,
        source_sha256="0" * 64,
        data={"code": "sikts", "product": {"name": "SIKTS", "validity": {"rule": "str"}}},
    )
    applicant = Applicant.objects.create(
        office=office, full_name="Siti", sex="P", consented_at=now, nik="1471015205850003"
    )
    expected = {}
    for i, status in enumerate(STATUSES * 2):
        renewal = i % 2 == 1
        until = datetime.date(2030, 1, 1 + i) if i < 4 else None
        application = Application.objects.create(
            office=office,
            version=version,
            applicant=applicant,
            kind="perpanjangan" if renewal else "baru",
            channel="online",
            reg_number=f"SIKTS-2026-{i:05d}",
            tracking_code=f"CODE{i:04d}",
            status=status,
            filed_at=now,
            due_at=now,
            workplace_name=f"Puskesmas {i}",
            workplace_address=f"Jl. {i}",
            str_number=f"KTS-{i}" if i != 3 else "",
            str_valid_until=until,
            previous_permit_number=f"503/{i}/2021" if renewal else "",
        )
        if status in ("ready", "collected"):
            Permit.objects.create(
                application=application,
                office=office,
                number=f"503/{i}",
                year=2026,
                seq=i,
                numbered_at=now,
                verify_code=f"v{i}",
            )
        answers = {"workplace_name": f"Puskesmas {i}", "workplace_address": f"Jl. {i}"}
        if until:
            answers["str_valid_until"] = until.isoformat()
        if renewal:
            answers["previous_permit_number"] = f"503/{i}/2021"
        expected[application.pk] = (answers, f"KTS-{i}" if i != 3 else None, until)

    _migrate(AFTER)
    from loket.permits.models import Application as Now
    from loket.permits.models import Permit as NowPermit
    from loket.standards.models import StandardVersion

    stored = StandardVersion.objects.get(pk=version.pk).data
    assert [f["key"] for f in stored["form"]] == [
        "workplace_name",
        "workplace_address",
        "str_number",
        "str_valid_until",
        "previous_permit_number",
    ]
    assert stored["product"]["validity"] == {"rule": "until_field", "field": "str_valid_until"}
    assert [k["code"] for k in stored["kinds"]] == ["baru", "perpanjangan"]
    for pk, (answers, str_number, until) in expected.items():
        application = Now.objects.get(pk=pk)
        assert application.answers == answers
        all_answers = application.all_answers()
        assert all_answers.get("str_number") == str_number
        if str_number:
            raw = connection.cursor()
            raw.execute("SELECT personal_answers FROM permits_application WHERE id = %s", [pk])
            assert str_number not in raw.fetchone()[0]  # encrypted at rest
        permit = NowPermit.objects.filter(application_id=pk).first()
        if permit is not None:
            assert permit.valid_until == until
    assert Now.objects.count() == len(STATUSES) * 2
