"""Messages written while the outbox pointed at a permit file keep what they were about
when the foreign key becomes a name (notify 0011 to 0013), and nothing else changes:
a file's message becomes "permits.application:<id>" with the file's number and page,
a complaint's message (its key starts "complaint:<id>:") "complaints.complaint:<id>"
with the ticket and page, even when the complaint mentioned a file; a message about
nothing stays about nothing. Migrating back gives each its file again."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from loket.complaints.models import Complaint
from loket.notify.models import Outbox
from loket.testing import file_for, make_applicant

BEFORE = [("notify", "0010_sms_texts_fit_whole_words_and_link_where_to_act")]
# Everything a message held before, that must come through the migration unchanged.
KEPT = ["id", "office_id", "channel", "subject", "body", "idempotency_key", "status", "created_at"]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def records(sikts, office):
    files = [file_for(sikts, make_applicant(office, name=n)) for n in ("Siti", "Budi")]
    complaint = Complaint.objects.create(
        office=office,
        ticket="ADU-2026-00042",
        tracking_code="TRACK042",
        channel="internet",
        description="Izin lama sekali.",
        received_at=timezone.now(),
        due_at=timezone.now(),
        application=files[1],
    )
    return files, complaint


def _old_messages(old, office, files, complaint):
    OldOutbox = old.get_model("notify", "Outbox")
    rows = [
        (f"permit_ready:{files[0].pk}:sms", files[0].pk),
        (f"file_returned:{files[0].pk}:1:email", files[0].pk),
        (f"survey_invite:{files[1].pk}:sms", files[1].pk),
        (f"complaint:{complaint.pk}:received:sms", files[1].pk),
        (f"complaint:{complaint.pk}:answer:email", None),
        ("bench:0:1:sms", None),
    ]
    return [
        OldOutbox.objects.create(
            office_id=office.pk,
            channel="sms",
            recipient="081234567890",
            subject=f"subjek {key}",
            body=f"isi {key}",
            template_code="t",
            idempotency_key=key,
            application_id=file_id,
        ).pk
        for key, file_id in rows
    ]


@pytest.mark.django_db(transaction=True)
def test_it_names_what_each_message_was_about_and_loses_nothing(office, records):
    """Every row is still there with its recipient, text, key and status, and names its
    file or its complaint with the number and page the lists show."""
    files, complaint = records
    old = _migrate(BEFORE)
    try:
        made = _old_messages(old, office, files, complaint)
        before = list(old.get_model("notify", "Outbox").objects.order_by("pk").values(*KEPT))
    finally:
        _latest()

    messages = Outbox.objects.order_by("pk")
    assert list(messages.values(*KEPT)) == before
    assert {m.recipient for m in messages} == {"081234567890"}
    file_a, file_b = (f"permits.application:{f.pk}" for f in files)
    page_a, page_b = (f"/permohonan/{f.pk}/" for f in files)
    about_complaint = (
        f"complaints.complaint:{complaint.pk}",
        "ADU-2026-00042",
        f"/pengaduan/{complaint.pk}/",
    )
    assert [(m.pk, m.about, m.reference, m.link) for m in messages] == [
        (made[0], file_a, files[0].reg_number, page_a),
        (made[1], file_a, files[0].reg_number, page_a),
        (made[2], file_b, files[1].reg_number, page_b),
        (made[3], *about_complaint),
        (made[4], *about_complaint),
        (made[5], "", "", ""),
    ]


@pytest.mark.django_db(transaction=True)
def test_migrating_back_gives_each_message_its_file_again(office, records):
    """Reversed, a file's message points at its file and a complaint's message at the
    file the complaint mentions (none if it mentions none)."""
    files, complaint = records
    old = _migrate(BEFORE)
    try:
        made = _old_messages(old, office, files, complaint)
        _latest()
        old = _migrate(BEFORE)
        back = old.get_model("notify", "Outbox").objects.order_by("pk")
        assert [(m.pk, m.application_id) for m in back] == [
            (made[0], files[0].pk),
            (made[1], files[0].pk),
            (made[2], files[1].pk),
            # A complaint's messages point at the file the complaint mentions.
            (made[3], files[1].pk),
            (made[4], files[1].pk),
            (made[5], None),
        ]
    finally:
        _latest()
