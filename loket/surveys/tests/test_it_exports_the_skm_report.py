import io

from django.urls import reverse
from openpyxl import load_workbook

from loket.surveys import report
from loket.surveys.tests.helpers import add_responses, results_changed


def test_it_renders_the_report_as_pdf(client, officers, sikts):
    """The SKM report downloads as a PDF."""
    add_responses(sikts.service, 12, {"u3": 2}, comment="Tanda tangan lama")
    client.force_login(officers["sekretaris"])
    response = client.get(reverse("surveys:report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_it_exports_the_report_as_a_workbook_with_a_chart_per_element(client, officers, sikts):
    """The XLSX opens with openpyxl and holds the summary, NRRs, the rules, profile,
    comments, follow-up plan and a chart for each of the nine elements."""
    add_responses(sikts.service, 12, {"u3": 2}, comment="Tanda tangan lama")
    results_changed(sikts.service.office)
    client.force_login(officers["kepala_dinas"])
    response = client.get(reverse("surveys:report_xlsx"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Ringkasan",
        "Unsur",
        "Sebaran jawaban",
        "Profil responden",
        "Saran dan masukan",
        "Rencana tindak lanjut",
    ]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True) if row}
    assert summary["Jumlah responden"] == 12
    assert summary["Aturan pembulatan"] == report.method_rules()["rounding_rule"]
    assert "88,31 atau lebih adalah A (sangat baik)" in summary["Aturan klasifikasi"]
    u3 = [r for r in book["Unsur"].iter_rows(values_only=True) if r[0] == "U3"][0]
    assert u3[4] == 2.0 and u3[6] == "D"
    assert len(book["Sebaran jawaban"]._charts) == 9
    plan = list(book["Rencana tindak lanjut"].iter_rows(values_only=True))
    assert [r[2] for r in plan[1:]] == ["U3"]
    comments = [r[1] for r in book["Saran dan masukan"].iter_rows(values_only=True)]
    assert "Tanda tangan lama" in comments


def test_it_publishes_a_summary_on_the_service_page(client, sikts):
    """The public include shows the IKM and mutu of the service."""
    from django.template import Context, Template

    add_responses(sikts.service, 4, 4)
    html = Template('{% include "surveys/_public_summary.html" %}').render(
        Context({"service": sikts.service})
    )
    assert "IKM <b>100,00</b>" in html and "sangat baik" in html
