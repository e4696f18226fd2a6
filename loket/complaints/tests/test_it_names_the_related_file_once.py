"""A complaint about a file names it once, as a link ("Terkait: SIKTS-2026-00001"),
not "SIKTS-2026-00001 (SIKTS-2026-00001)"; a permit number given as the reference is
kept beside the file's link."""

import re

from django.urls import reverse

from loket.complaints.tests.helpers import web_complaint
from loket.testing import advance


def _related(client, complaint):
    html = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    return re.search(r'<p id="related">(.*?)</p>', html, re.S).group(1)


def test_the_related_file_is_named_once(client, office, officers, application):
    complaint = web_complaint(office, reference=application.reg_number)
    client.force_login(officers["pengelola_pengaduan"])
    related = _related(client, complaint)
    assert related.count(application.reg_number) == 1
    assert f">{application.reg_number}</a>" in related and related.startswith("Terkait: ")


def test_a_permit_number_stays_beside_the_file(client, office, officers, application):
    application = advance(application, officers, 9)
    complaint = web_complaint(office, reference=application.permit.number)
    client.force_login(officers["pengelola_pengaduan"])
    related = _related(client, complaint)
    assert f">{application.reg_number}</a> ({application.permit.number})" in related
