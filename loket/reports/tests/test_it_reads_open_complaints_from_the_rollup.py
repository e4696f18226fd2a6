"""The dashboard's open complaints by weight come from the complaint roll-up (issue 17:
every dashboard figure from roll-ups), and equal the live count of complaints not
closed, as complaints are weighed and closed; overdue ones are counted at the hour the
page is read."""

import datetime
import re

from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from loket.complaints import actions as complaint_actions
from loket.complaints.models import Complaint, ComplaintRollup
from loket.complaints.tests.helpers import to_ready, web_complaint
from loket.reports import dashboard


def _figure(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("reports:dashboard")).content.decode()
    return re.search(r'id="open-complaints">(.*?)</p>', html, re.S).group(1)


def _live(office):
    """The count straight from the register: complaints not closed, per weight."""
    rows = Complaint.objects.filter(office=office, closed_at__isnull=True).values_list(
        "weight", flat=True
    )
    return {weight: rows.filter(weight=weight).count() for weight in set(rows)}


def test_open_complaints_follow_weighing_and_closing(client, office, officers):
    """Weighed, answered (a web complaint closes when answered) and unweighed ones: the
    figure equals the live count at each step, in Indonesian and English."""
    client.force_login(officers["kepala_dinas"])
    heavy = complaint_actions.weigh(
        web_complaint(office), officers["pengelola_pengaduan"], "berat", "uji"
    )
    light = to_ready(web_complaint(office), officers, "ringan")
    web_complaint(office)
    summary = dashboard.complaints_summary(office)
    assert (
        {r["weight"]: r["open"] for r in summary}
        == _live(office)
        == {
            "berat": 1,
            "ringan": 1,
            "": 1,
        }
    )
    assert _figure(client, "id") == (
        "Berat: <b>1</b> · Ringan: <b>1</b> · Belum ditimbang: <b>1</b>"
    )
    assert (
        _figure(client, "en") == "Serious: <b>1</b> · Minor: <b>1</b> · Not yet weighed: <b>1</b>"
    )

    complaint_actions.answer(light, officers["pengelola_pengaduan"], "Antrean sudah ditambah.")
    assert Complaint.objects.get(pk=light.pk).closed_at is not None
    heavy.due_at = timezone.now() - datetime.timedelta(days=1)
    heavy.save()
    summary = dashboard.complaints_summary(office)
    assert {r["weight"]: r["open"] for r in summary} == _live(office) == {"berat": 1, "": 1}
    assert _figure(client, "id") == (
        'Berat: <b>1</b> <span class="late">(1 lewat batas waktu)</span>'
        " · Belum ditimbang: <b>1</b>"
    )
    assert _figure(client, "en") == (
        'Serious: <b>1</b> <span class="late">(1 overdue)</span> · Not yet weighed: <b>1</b>'
    )


def test_the_figure_is_read_from_the_rollup_and_rebuilt_with_it(client, office, officers):
    """Without its roll-up rows the figure is empty ("tidak ada"): it is not counted
    from the register; `manage.py rebuild_rollups` brings it back."""
    client.force_login(officers["kepala_dinas"])
    web_complaint(office)
    assert _figure(client, "id") == "Belum ditimbang: <b>1</b>"
    ComplaintRollup.objects.all().delete()
    assert _figure(client, "id") == "tidak ada"
    assert _figure(client, "en") == "none"
    call_command("rebuild_rollups", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _figure(client, "id") == "Belum ditimbang: <b>1</b>"
    assert _figure(client, "en") == "Not yet weighed: <b>1</b>"
