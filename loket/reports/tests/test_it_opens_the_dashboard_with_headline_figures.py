"""The head's dashboard opens with the figures read first: files in process, late, the
share of steps on time this year (from the roll-up), the IKM, and open complaints by the
weight's name ("Berat", not "berat"), in Indonesian and in English."""

import re

from django.conf import settings
from django.urls import reverse

from loket.complaints import actions as complaint_actions
from loket.complaints.tests.helpers import web_complaint
from loket.permits.models import Task
from loket.surveys.tests.helpers import add_responses
from loket.testing import advance, file_for


def _figure(html, name):
    return re.search(rf'id="{name}">(.*?)</p>', html, re.S).group(1)


def test_the_dashboard_opens_with_headline_figures(client, sikts, office, officers, applicant):
    advance(file_for(sikts, applicant), officers, 99)
    file_for(sikts, applicant)
    late = file_for(sikts, applicant)
    Task.objects.filter(application=late, closed_at__isnull=True).update(due_at="2020-01-01T00:00Z")
    add_responses(sikts.service, 5, 4)
    complaint_actions.weigh(web_complaint(office), officers["pengelola_pengaduan"], "berat", "uji")
    web_complaint(office)
    client.force_login(officers["kepala_dinas"])
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert html.index('id="headline"') < html.index('class="card figure"')
    assert _figure(html, "in-process") == "2"
    assert _figure(html, "late") == "1"
    assert _figure(html, "on-time").endswith("%")
    assert _figure(html, "ikm").startswith("100")
    complaints = _figure(html, "open-complaints")
    assert "Berat: <b>1</b>" in complaints and "Belum ditimbang: <b>1</b>" in complaints
    assert "berat:" not in complaints
    assert "Berkas dalam proses" in html and "Pengaduan terbuka" in html

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(reverse("reports:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Files in process" in html and "Open complaints" in html
    assert "Serious: <b>1</b>" in _figure(html, "open-complaints")
