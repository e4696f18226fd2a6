import io
import zipfile

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from loket.complaints import actions
from loket.complaints.models import MonthlyReport
from loket.complaints.monthly import bar_chart_svg
from loket.complaints.tests.helpers import web_complaint
from loket.core.errors import Conflict, Invalid, NotAllowed


def test_it_runs_the_compile_return_revise_approve_loop(client, office, officers, outbox):
    """Clerk compiles and submits; Sekretaris returns with notes; v2 is approved and lands
    in the Kepala Dinas's inbox; every version and review is kept."""
    handler, sekretaris, kadis = (
        officers["pengelola_pengaduan"],
        officers["sekretaris"],
        officers["kepala_dinas"],
    )
    c = web_complaint(office, name="Rahasia", confidential=True)
    actions.weigh(c, handler, "sedang", "uji")
    now = timezone.localtime()
    with pytest.raises(NotAllowed):
        actions.compile_report(office, sekretaris, now.year, now.month)
    report = actions.compile_report(office, handler, now.year, now.month)
    with pytest.raises(Conflict):
        actions.review_report(report, sekretaris, "approve")  # not submitted yet
    report = actions.submit_report(report, handler)
    with pytest.raises(NotAllowed):
        actions.review_report(report, handler, "approve")
    with pytest.raises(Invalid):
        actions.review_report(report, sekretaris, "return", "")
    report = actions.review_report(report, sekretaris, "return", "Tambahkan rincian jenis.")
    assert report.status == MonthlyReport.RETURNED
    report = actions.compile_report(office, handler, now.year, now.month, "Rincian ditambah.")
    report = actions.submit_report(report, handler)
    client.force_login(sekretaris)
    assert (
        f"/pengaduan/laporan/{report.pk}/" in client.get("/pengaduan/kotak-masuk/").content.decode()
    )
    response = client.post(
        f"/pengaduan/laporan/{report.pk}/review/", {"decision": "approve", "notes": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == MonthlyReport.APPROVED and report.approved_by == sekretaris
    versions = list(report.versions.all())
    assert [v.number for v in versions] == [1, 2]
    assert [r.decision for r in versions[0].reviews.all()] == ["return"]
    assert [r.decision for r in versions[1].reviews.all()] == ["approve"]
    data = versions[1].data
    assert data["total"] == 1 and data["rows"][0]["identity"] == "Identitas dirahasiakan"
    assert {r["code"]: r["count"] for r in data["by_weight"]}["sedang"] == 1
    client.force_login(kadis)
    assert (
        f"/pengaduan/laporan/{report.pk}/" in client.get("/pengaduan/kotak-masuk/").content.decode()
    )
    client.post(f"/pengaduan/laporan/{report.pk}/receive/")
    report.refresh_from_db()
    assert report.received_by_head_at is not None


def test_it_exports_the_report_as_pdf_and_xlsx_with_charts(client, office, officers, outbox):
    """The XLSX carries openpyxl bar charts and the list; the PDF embeds SVG charts."""
    handler = officers["pengelola_pengaduan"]
    web_complaint(office)
    now = timezone.localtime()
    report = actions.compile_report(office, handler, now.year, now.month)
    client.force_login(officers["kepala_dinas"])
    xlsx = client.get(f"/pengaduan/laporan/{report.pk}/v1.xlsx")
    assert xlsx.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(xlsx.content)).namelist()
    assert sum(n.startswith("xl/charts/chart") for n in names) == 4
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb["Ringkasan"]["B4"].value == 1
    assert wb["Daftar pengaduan"].max_row == 2
    pdf = client.get(f"/pengaduan/laporan/{report.pk}/v1.pdf")
    assert pdf.content.startswith(b"%PDF")
    svg = bar_chart_svg("Menurut bobot", [{"label": "Ringan", "count": 3}])
    assert svg.startswith("<svg") and "Ringan" in svg and "<rect" in svg
