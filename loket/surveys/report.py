"""The SKM report of a period: one context for the page, the PDF and the XLSX."""

import io

from django.utils import timezone

from loket.lib import charts
from loket.lib.exports import as_text, text_row
from loket.lib.pdf import render_pdf
from loket.surveys import ikm, queries
from loket.surveys.forms import QUESTIONS


def _float(value):
    return float(value) if value is not None else None


def _fmt_nrr(value):
    return ikm.round_nrr(value) if value is not None else None


def build(office, period, service=None):
    """Everything the report shows; reads only. The follow-up items of weak elements
    are opened when the results change (a response is submitted:
    loket.surveys.actions.refresh_follow_ups), not when the report is read."""
    period_ikm = queries.ikm_for_period(office, period, service)
    result = period_ikm.result
    distribution = queries.answer_distribution(office, period, service)
    elements = []
    for element in result.elements:
        elements.append(
            {
                "code": element.code,
                "name": element.name,
                "question": QUESTIONS[element.code],
                "labels": ikm.ANSWER_LABELS[element.code],
                "count": element.count,
                "total": element.total,
                "nrr": _fmt_nrr(element.nrr),
                "nrr_weighted": _fmt_nrr(element.nrr_weighted),
                "mutu": element.mutu,
                "kinerja": element.kinerja,
                "weak": bool(element.mutu and ikm.is_weak(element.mutu)),
                "distribution": distribution[element.code],
            }
        )
    previous = period.previous()
    follow_ups = queries.follow_ups(office, [previous.key, period.key], service)
    return {
        "office": office,
        "period": period,
        "service": service,
        "ikm": period_ikm,
        "result": result,
        "ikm_value": ikm.round_ikm(result.ikm) if result.ikm is not None else None,
        "ikm_unit": _fmt_nrr(result.ikm_unit),
        "elements": elements,
        "weak": [e for e in elements if e["weak"]],
        "profile": queries.respondent_profile(office, period, service),
        "channels": queries.respondents_by_channel(office, period, service),
        "comments": queries.comments(office, period, service),
        "follow_ups": [f for f in follow_ups if f.period_key == period.key],
        "previous_follow_ups": [f for f in follow_ups if f.period_key == previous.key],
        "previous_period": previous,
        "rounding_rule": ikm.ROUNDING_RULE,
        "classification_rule": ikm.CLASSIFICATION_RULE,
        "sample_rule": ikm.SAMPLE_SIZE_RULE,
        "generated_at": timezone.now(),
    }


def with_charts(context):
    elements = context["elements"]
    context["nrr_chart"] = charts.bar(
        "NRR per unsur",
        [e["code"] for e in elements],
        [("NRR", [e["nrr"] for e in elements])],
        range=(1, 4),
        show_legend=False,
    )
    for element in elements:
        element["chart"] = charts.bar(
            f"{element['code']} {element['name']}",
            [f"{i}. {label}" for i, label in enumerate(element["labels"], start=1)],
            [("Jawaban", element["distribution"])],
            show_legend=False,
            width=480,
            height=220,
            x_label_rotation=0,
        )
    return context


def pdf_bytes(context):
    return render_pdf("surveys/report_pdf.html", with_charts(context))


def xlsx_bytes(context):
    """The report as a workbook: summary, elements (with a chart per element),
    respondent profile, comments and follow-up plan."""
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font

    workbook = Workbook()
    bold = Font(bold=True)
    summary = workbook.active
    summary.title = "Ringkasan"
    office, period = context["office"], context["period"]
    period_ikm = context["ikm"]
    rows = [
        ["Survei Kepuasan Masyarakat (SKM)"],
        ["Instansi", office.name],
        ["Layanan", context["service"].name if context["service"] else "Semua layanan"],
        ["Periode", period.label],
        ["Jumlah responden", period_ikm.respondents],
        ["Populasi (permohonan dalam periode)", period_ikm.population],
        ["Sampel minimum (Krejcie & Morgan)", period_ikm.sample_size],
        ["IKM unit", float(context["ikm_unit"]) if context["ikm_unit"] is not None else None],
        [
            "IKM (konversi)",
            float(context["ikm_value"]) if context["ikm_value"] is not None else None,
        ],
        ["Mutu", context["result"].mutu],
        ["Kinerja", context["result"].kinerja],
        [],
        ["Responden per saluran", "Dihitung", "Ditahan (tidak dihitung)"],
        *[[c.label, c.counted, c.held] for c in context["channels"]["channels"]],
        *[[f"Ditahan: {label}", None, n] for label, n in context["channels"]["held"]],
        [],
        ["Aturan pembulatan", ikm.ROUNDING_RULE],
        ["Aturan klasifikasi", ikm.CLASSIFICATION_RULE],
        ["Ukuran sampel", ikm.SAMPLE_SIZE_RULE],
    ]
    for row in rows:
        summary.append(text_row(row))
    summary["A1"].font = bold
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 60

    sheet = workbook.create_sheet("Unsur")
    sheet.append(
        ["Unsur", "Nama", "Jawaban", "Jumlah nilai", "NRR", "NRR tertimbang", "Mutu", "Kinerja"]
    )
    for e in context["elements"]:
        sheet.append(
            text_row(
                [
                    e["code"],
                    e["name"],
                    e["count"],
                    e["total"],
                    float(e["nrr"]) if e["nrr"] is not None else None,
                    float(e["nrr_weighted"]) if e["nrr_weighted"] is not None else None,
                    e["mutu"],
                    e["kinerja"],
                ]
            )
        )
    for cell in sheet[1]:
        cell.font = bold
    chart = BarChart()
    chart.title = "NRR per unsur"
    chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=10), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=10))
    sheet.add_chart(chart, "J2")

    dist = workbook.create_sheet("Sebaran jawaban")
    for i, e in enumerate(context["elements"]):
        top = i * 7 + 1
        dist.cell(row=top, column=1, value=as_text(f"{e['code']} {e['name']}")).font = bold
        dist.cell(row=top, column=2, value="Jawaban")
        for score in range(1, 5):
            label = as_text(f"{score}. {e['labels'][score - 1]}")
            dist.cell(row=top + score, column=1, value=label)
            dist.cell(row=top + score, column=2, value=e["distribution"][score - 1])
        element_chart = BarChart()
        element_chart.title = f"{e['code']} {e['name']}"
        element_chart.height, element_chart.width = 5, 12
        element_chart.add_data(
            Reference(dist, min_col=2, min_row=top, max_row=top + 4), titles_from_data=True
        )
        element_chart.set_categories(Reference(dist, min_col=1, min_row=top + 1, max_row=top + 4))
        dist.add_chart(element_chart, f"D{top}")
    dist.column_dimensions["A"].width = 40

    profile = workbook.create_sheet("Profil responden")
    for table in context["profile"]:
        profile.append(text_row([table["title"], "Jumlah"]))
        profile.cell(row=profile.max_row, column=1).font = bold
        for label, count in table["rows"]:
            profile.append(text_row([label, count]))
        profile.append([])
    profile.column_dimensions["A"].width = 30

    notes = workbook.create_sheet("Saran dan masukan")
    notes.append(["Waktu", "Saran dan masukan"])
    for at, text in context["comments"]:
        # The comment is the respondent's own text, the time a real date.
        notes.append(text_row([timezone.localtime(at).replace(tzinfo=None), text]))
        notes.cell(row=notes.max_row, column=1).number_format = "DD/MM/YYYY HH:MM"
    notes.column_dimensions["B"].width = 100

    plan = workbook.create_sheet("Rencana tindak lanjut")
    plan.append(
        [
            "Periode",
            "Layanan",
            "Unsur",
            "NRR",
            "Mutu",
            "Permasalahan",
            "Rencana tindak lanjut",
            "Unit penanggung jawab",
            "Batas waktu",
            "Progres (%)",
            "Status",
        ]
    )
    for item in context["previous_follow_ups"] + context["follow_ups"]:
        plan.append(
            text_row(
                [
                    item.period_key,
                    item.service.name,
                    item.element,
                    float(item.nrr),
                    item.mutu,
                    item.problem,
                    item.action,
                    item.unit,
                    item.deadline,
                    item.progress,
                    str(item.get_status_display()),
                ]
            )
        )
        plan.cell(row=plan.max_row, column=9).number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
