import datetime

import pytest
from django.utils import timezone

from loket.complaints import actions
from loket.complaints.models import Complaint, CoordinationTask, Event
from loket.complaints.tests.helpers import web_complaint
from loket.core.errors import Conflict, Invalid, NotAllowed


def test_it_routes_a_light_complaint_to_the_handling_officer(office, officers, outbox):
    """Light: no coordination task; the handling officer answers directly."""
    c = web_complaint(office)
    c = actions.weigh(c, officers["pengelola_pengaduan"], "ringan", "Cukup dijelaskan.")
    assert c.status == Complaint.WEIGHED
    assert not CoordinationTask.objects.filter(complaint=c).exists()
    with pytest.raises(NotAllowed):
        actions.answer(c, officers["kepala_dinas"], "Jawaban")
    c = actions.answer(c, officers["pengelola_pengaduan"], "Jawaban langsung.")
    assert c.answer == "Jawaban langsung."


def test_it_routes_a_medium_complaint_through_kepala_bidang_and_kepala_dinas(
    office, officers, outbox
):
    """Medium: tasks for Kepala Bidang and Kepala Dinas; the Kadis decision is conveyed."""
    c = web_complaint(office)
    c = actions.weigh(c, officers["pengelola_pengaduan"], "sedang", "Perlu keputusan pimpinan.")
    assert c.status == Complaint.COORDINATING
    roles = set(CoordinationTask.objects.filter(complaint=c).values_list("role", flat=True))
    assert roles == {"kepala_bidang", "kepala_dinas"}
    with pytest.raises(Conflict):
        actions.answer(c, officers["pengelola_pengaduan"], "Terlalu cepat")
    with pytest.raises(Conflict):
        actions.coordinate(c, officers["kepala_dinas"], "Keputusan sebelum bidang")
    with pytest.raises(NotAllowed):
        actions.coordinate(c, officers["front_office"], "bukan pimpinan")
    actions.coordinate(c, officers["kepala_bidang"], "Berkas tertahan di paraf.")
    c = actions.coordinate(c, officers["kepala_dinas"], "Berkas diselesaikan hari ini.")
    assert c.status == Complaint.READY
    assert c.decision == "Berkas diselesaikan hari ini."
    kinds = list(c.events.values_list("kind", "role"))
    assert (Event.COORDINATED, "kepala_bidang") in kinds
    assert (Event.DECIDED, "kepala_dinas") in kinds
    c = actions.answer(c, officers["pengelola_pengaduan"], c.decision)
    assert c.status == Complaint.CLOSED  # a web complaint's answer is on the tracking page


def test_it_routes_a_heavy_complaint_to_kepala_dinas_with_the_mayor_or_city_secretary(
    office, officers, outbox
):
    """Heavy: one task for the Kadis, who records the partner, date and result."""
    c = web_complaint(office)
    c = actions.weigh(c, officers["pengelola_pengaduan"], "berat", "Dugaan pungutan liar.")
    tasks = CoordinationTask.objects.filter(complaint=c)
    assert [t.role for t in tasks] == ["kepala_dinas"]
    with pytest.raises(NotAllowed):
        actions.coordinate(c, officers["kepala_bidang"], "bukan tugas saya")
    with pytest.raises(Invalid) as exc:
        actions.coordinate(c, officers["kepala_dinas"], "Hasil")
    assert {"partner", "coordinated_on"} <= set(exc.value.errors)
    c = actions.coordinate(
        c,
        officers["kepala_dinas"],
        "Petugas diperiksa Inspektorat.",
        partner="walikota_asisten",
        partner_name="Asisten I",
        coordinated_on=datetime.date(2026, 3, 3),
    )
    task = tasks.get()
    assert task.partner == "walikota_asisten" and task.partner_name == "Asisten I"
    assert c.status == Complaint.READY
    # "Disampaikan secara langsung": the Kepala Dinas may convey the result himself.
    c = actions.answer(c, officers["kepala_dinas"], c.decision)
    assert c.answered_by == officers["kepala_dinas"]


def test_it_sets_deadlines_by_weight_on_the_working_calendar(office, officers, outbox):
    """2, 5 and 14 working days from receipt, on the office calendar (sikts.yaml)."""
    cal = office.calendar()
    for weight, days in (("ringan", 2), ("sedang", 5), ("berat", 14)):
        c = web_complaint(office)
        c = actions.weigh(c, officers["pengelola_pengaduan"], weight, "uji")
        assert c.due_at == cal.add_days(c.received_at, days)
        for t in c.tasks.all():
            assert t.due_at == c.due_at


def test_it_records_a_reclassification_and_cancels_moot_tasks(office, officers, outbox):
    """Changing the weight is recorded with from/to; open coordination is cancelled."""
    c = web_complaint(office)
    handler = officers["pengelola_pengaduan"]
    c = actions.weigh(c, handler, "sedang", "awal")
    c = actions.weigh(c, handler, "berat", "ternyata pungli")
    ev = c.events.filter(kind=Event.REWEIGHED).get()
    assert ev.details == {"from": "sedang", "to": "berat"} and ev.text == "ternyata pungli"
    assert CoordinationTask.objects.filter(complaint=c, cancelled=True).count() == 2
    assert list(c.tasks.filter(closed_at__isnull=True).values_list("role", flat=True)) == [
        "kepala_dinas"
    ]
    with pytest.raises(Conflict):
        actions.weigh(c, handler, "berat", "sama")
    with pytest.raises(NotAllowed):
        actions.weigh(c, officers["kepala_dinas"], "ringan", "bukan pengelola")


def test_it_flags_overdue_complaints_and_tasks_in_every_inbox(client, office, officers, outbox):
    """Past its deadline a complaint shows TERLAMBAT to the handler and to the leaders."""
    c = web_complaint(office)
    c = actions.weigh(c, officers["pengelola_pengaduan"], "sedang", "uji")
    past = timezone.now() - datetime.timedelta(days=30)
    Complaint.objects.filter(pk=c.pk).update(due_at=past)
    CoordinationTask.objects.filter(complaint=c).update(due_at=past)
    for role in ("pengelola_pengaduan", "kepala_bidang", "kepala_dinas"):
        client.force_login(officers[role])
        page = client.get("/pengaduan/kotak-masuk/").content.decode()
        assert c.ticket in page and "TERLAMBAT" in page, role
