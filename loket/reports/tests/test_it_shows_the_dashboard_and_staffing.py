import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from loket.surveys.tests.helpers import add_responses
from loket.testing import advance, file_for


def test_it_draws_the_dashboard_and_exports_each_figure(client, sikts, officers, applicant):
    """Files in process by step, permits per month, days to issue, IKM trend: drawn and
    exportable; complaints come from the register when there is one."""
    advance(file_for(sikts, applicant), officers, 99)
    file_for(sikts, applicant)
    add_responses(sikts.service, 5, 4)
    client.force_login(officers["kepala_dinas"])
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert html.count("data:image/svg+xml;base64,") >= 4
    # the complaints figure is drawn from the register, or marked not yet available
    assert "Pengaduan terbuka per bobot" in html
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    reverse("reports:dashboard_export", args=["izin-terbit", "csv"])
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == ["Bulan", "Izin terbit"] and sum(int(r[1]) for r in rows[1:]) == 1
    book = load_workbook(
        io.BytesIO(client.get(reverse("reports:dashboard_export", args=["semua", "xlsx"])).content)
    )
    assert {"berkas-proses", "izin-terbit", "lama-proses", "ikm"} <= set(book.sheetnames)
    open_rows = list(book["berkas-proses"].iter_rows(values_only=True))[2:]
    assert [r[2] for r in open_rows] == [1]
    api = client.get("/api/v1/reports/dashboard").json()
    assert api["ikm_trend"][-1]["ikm"] == "100.00"


def test_it_compares_staffing_with_the_officers_holding_each_role(client, officers, office):
    """With one officer per role the standard's five are met; removing the back office
    shows a shortfall of one."""
    client.force_login(officers["sekretaris"])
    page = client.get(reverse("reports:performance")).content.decode()
    assert "Pelaksana sesuai standar." in page
    officers["back_office"].groups.clear()
    page = client.get(reverse("reports:performance")).content.decode()
    assert "Kekurangan 1 pelaksana." in page
    book = load_workbook(
        io.BytesIO(
            client.get(reverse("reports:performance_export", args=["semua", "xlsx"])).content
        )
    )
    staffing = list(book["kepegawaian"].iter_rows(values_only=True))
    assert ["Petugas Back Office", 1, 0, 1] in [list(r[1:]) for r in staffing]


def test_it_collects_control_cards_as_one_pdf(client, sikts, officers, applicant):
    """The cards of a period, or of one file, come as a single PDF."""
    one = file_for(sikts, applicant)
    file_for(sikts, applicant)
    client.force_login(officers["sekretaris"])
    period = client.get(reverse("reports:cards"))
    assert period.status_code == 200 and period.content.startswith(b"%PDF")
    single = client.get(reverse("reports:card", args=[one.pk]))
    assert single.content.startswith(b"%PDF")
