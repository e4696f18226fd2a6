"""Every complaint list page runs the same number of queries with 1 complaint as with 6."""

import re

from django.urls import reverse

from loket.complaints import actions
from loket.complaints.tests.helpers import web_complaint
from loket.testing import page_queries


def _count(client, url):
    queries, response = page_queries(client, url)
    assert response.status_code == 200
    return queries, response.content.decode()


def _rows(html, marker):
    """Rows of the page's list: the marker in a table row (reports: a link to one)."""
    if marker == "laporan/":
        return len(re.findall(r'href="/pengaduan/laporan/\d+/"', html))
    return html.count(marker)


def _add(office, officers, n, first_month):
    """n medium complaints (each with coordination tasks) and n monthly reports."""
    handler = officers["pengelola_pengaduan"]
    for i in range(n):
        complaint = web_complaint(office, name=f"Warga {i}", phone="081234567890")
        actions.weigh(complaint, handler, "sedang", "Perlu keputusan pimpinan.")
        actions.compile_report(office, handler, 2025, first_month + i)


def test_it_lists_complaints_tasks_register_and_reports_in_constant_queries(
    client, office, officers
):
    """Officer inbox (handler's complaints, leaders' tasks), the Buku Pengaduan (latest
    lines and full history) and the reports list: equal counts at 1 and 6 of each."""
    pages = [
        # (role, url, a row of the list, rows per complaint)
        ("pengelola_pengaduan", reverse("complaints:inbox"), 'class="complaint-row"', 1),
        ("kepala_dinas", reverse("complaints:inbox"), 'class="task-row"', 1),
        ("kepala_bidang", reverse("complaints:inbox"), 'class="task-row"', 1),
        ("pengelola_pengaduan", reverse("complaints:register"), 'class="register-row"', 1),
        # the history: "dicatat" and "bobot ditetapkan" lines
        ("sekretaris", reverse("complaints:register") + "?history=on", "register-row", 2),
        ("pengelola_pengaduan", reverse("complaints:reports"), "laporan/", 1),
    ]
    _add(office, officers, 1, first_month=1)
    few = {}
    for role, url, row, per in pages:
        client.force_login(officers[role])
        few[role, url], html = _count(client, url)
        assert _rows(html, row) == per, (role, url)
    _add(office, officers, 5, first_month=2)
    for role, url, row, per in pages:
        client.force_login(officers[role])
        many, html = _count(client, url)
        assert many == few[role, url], (role, url, few[role, url], many)
        assert _rows(html, row) == 6 * per, (role, url)
