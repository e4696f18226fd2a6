"""The SKM report of a period: one context for the page, the PDF and the XLSX."""

import io
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from loket.lib import charts
from loket.lib.exports import as_text, fit_columns, format_table, text_row, xlsx_row
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
                "name": _(element.name),
                "question": QUESTIONS[element.code],
                "labels": [_(label) for label in ikm.ANSWER_LABELS[element.code]],
                "count": element.count,
                "total": element.total,
                "nrr": _fmt_nrr(element.nrr),
                "nrr_weighted": _fmt_nrr(element.nrr_weighted),
                "mutu": element.mutu,
                "kinerja": _(element.kinerja) if element.kinerja else None,
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
        "kinerja": _(result.kinerja) if result.kinerja else None,
        "ikm_unit": _fmt_nrr(result.ikm_unit),
        "elements": elements,
        "weak": [e for e in elements if e["weak"]],
        "profile": queries.respondent_profile(office, period, service),
        "channels": queries.respondents_by_channel(office, period, service),
        "comments": queries.comments(office, period, service),
        "follow_ups": [f for f in follow_ups if f.period_key == period.key],
        "previous_follow_ups": [f for f in follow_ups if f.period_key == previous.key],
        "previous_period": previous,
        **method_rules(),
        "generated_at": timezone.now(),
    }


def method_rules():
    """How the figures are computed, for the page, the PDF and the XLSX: in the active
    language, its numbers with that language's decimal separator (the tables beside it
    print 88,31 in Indonesian and 88.31 in English; so does this prose). ikm's English
    *_RULE constants say the same for the API's documentation."""
    ikm_a, ikm_b, ikm_c = (number_format(bound, 2) for bound, _mutu in ikm.IKM_BANDS)
    nrr_a, nrr_b, nrr_c = (number_format(bound) for bound, _mutu in ikm.NRR_BANDS)
    grades = {f"k{mutu}": _(kinerja) for mutu, kinerja in ikm.KINERJA.items()}
    return {
        "rounding_rule": _(
            "Nilai dihitung secara tepat dan hanya dibulatkan untuk ditampilkan, setengah ke "
            "atas (%(a)s dan %(b)s dibulatkan menjauhi nol): NRR menjadi 3 desimal, IKM "
            "menjadi 2 desimal."
        )
        % {"a": number_format(Decimal("0.0005"), 4), "b": number_format(Decimal("0.005"), 3)},
        "classification_rule": _(
            "Tabel konversi PermenPANRB No. 14/2017 menyisakan celah kecil di antara "
            "rentangnya; sebuah nilai masuk rentang yang batas bawahnya ia capai. IKM "
            "konversi, lebih dulu dibulatkan setengah ke atas menjadi 2 desimal: %(ia)s atau "
            "lebih adalah A (%(kA)s), %(ib)s atau lebih B (%(kB)s), %(ic)s atau lebih C "
            "(%(kC)s), di bawahnya D (%(kD)s). NRR unsur, dibandingkan tanpa pembulatan: "
            "%(na)s atau lebih adalah A, %(nb)s atau lebih B, %(nc)s atau lebih C, di "
            "bawahnya D. Bobot tiap unsur tepat 1/9 (tertulis %(w)s dalam peraturan); unsur "
            "yang tidak dijawab siapa pun tidak dihitung dan unsur lainnya berbagi bobot "
            "sama rata."
        )
        % {
            "ia": ikm_a,
            "ib": ikm_b,
            "ic": ikm_c,
            "na": nrr_a,
            "nb": nrr_b,
            "nc": nrr_c,
            "w": number_format(Decimal("0.111"), 3),
            **grades,
        },
        "sample_rule": _(
            "Sampel minimum menurut Krejcie & Morgan (1970): s = X² × N × P × (1 − P) / "
            "(d² × (N − 1) + X² × P × (1 − P)) dengan X² = %(x2)s, P = %(p)s, d = %(d)s, "
            "dibulatkan setengah ke atas menjadi bilangan bulat responden (hasilnya sama "
            "dengan tabel yang diterbitkan) dan tidak pernah lebih dari N."
        )
        % {
            "x2": number_format(Decimal("3.841"), 3),
            "p": number_format(Decimal("0.5"), 1),
            "d": number_format(Decimal("0.05"), 2),
        },
    }


def with_charts(context):
    elements = context["elements"]
    context["nrr_chart"] = charts.bar(
        _("NRR per unsur"),
        [e["code"] for e in elements],
        [("NRR", [e["nrr"] for e in elements])],
        range=(1, 4),
        show_legend=False,
    )
    for element in elements:
        element["chart"] = charts.bar(
            f"{element['code']} {element['name']}",
            [f"{i}. {label}" for i, label in enumerate(element["labels"], start=1)],
            [(_("Jawaban"), element["distribution"])],
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
    summary.title = _("Ringkasan")
    office, period = context["office"], context["period"]
    period_ikm = context["ikm"]
    rows = [
        [_("Survei Kepuasan Masyarakat (SKM)")],
        [_("Instansi"), office.name],
        [_("Layanan"), context["service"].name if context["service"] else _("Semua layanan")],
        [_("Periode"), period.label],
        [_("Jumlah responden"), period_ikm.respondents],
        [_("Populasi (permohonan dalam periode)"), period_ikm.population],
        [_("Sampel minimum (Krejcie & Morgan)"), period_ikm.sample_size],
        ["IKM unit", float(context["ikm_unit"]) if context["ikm_unit"] is not None else None],
        [
            _("IKM (konversi)"),
            float(context["ikm_value"]) if context["ikm_value"] is not None else None,
        ],
        [_("Mutu"), context["result"].mutu],
        [_("Kinerja"), context["kinerja"]],
        [],
        [_("Responden per saluran"), _("Dihitung"), _("Ditahan (tidak dihitung)")],
        *[[c.label, c.counted, c.held] for c in context["channels"]["channels"]],
        *[
            [_("Ditahan: %(reason)s") % {"reason": label}, None, n]
            for label, n in context["channels"]["held"]
        ],
        [],
        [_("Aturan pembulatan"), context["rounding_rule"]],
        [_("Aturan klasifikasi"), context["classification_rule"]],
        [_("Ukuran sampel"), context["sample_rule"]],
    ]
    for row in rows:
        summary.append(text_row(row))
    summary["A1"].font = bold
    fit_columns(summary, skip_rows=1)

    sheet = workbook.create_sheet(_("Unsur"))
    sheet.append(
        [
            _("Unsur"),
            _("Nama"),
            _("Jawaban"),
            _("Jumlah nilai"),
            "NRR",
            _("NRR tertimbang"),
            _("Mutu"),
            _("Kinerja"),
        ]
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
    format_table(sheet)
    chart = BarChart()
    chart.title = _("NRR per unsur")
    chart.add_data(Reference(sheet, min_col=5, min_row=1, max_row=10), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=2, max_row=10))
    sheet.add_chart(chart, "J2")

    dist = workbook.create_sheet(_("Sebaran jawaban"))
    for i, e in enumerate(context["elements"]):
        top = i * 7 + 1
        dist.cell(row=top, column=1, value=as_text(f"{e['code']} {e['name']}")).font = bold
        dist.cell(row=top, column=2, value=_("Jawaban"))
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
    fit_columns(dist)

    profile = workbook.create_sheet(_("Profil responden"))
    for table in context["profile"]:
        profile.append(text_row([table["title"], _("Jumlah")]))
        profile.cell(row=profile.max_row, column=1).font = bold
        for label, count in table["rows"]:
            profile.append(text_row([label, count]))
        profile.append([])
    fit_columns(profile)

    notes = workbook.create_sheet(_("Saran dan masukan"))
    notes.append([_("Waktu"), _("Saran dan masukan")])
    for at, text in context["comments"]:
        # The comment is the respondent's own text, the time a real date.
        notes.append(xlsx_row([at, text]))
    format_table(notes)

    plan = workbook.create_sheet(_("Rencana tindak lanjut"))
    plan.append(
        [
            _("Periode"),
            _("Layanan"),
            _("Unsur"),
            "NRR",
            _("Mutu"),
            _("Permasalahan"),
            _("Rencana tindak lanjut"),
            _("Unit penanggung jawab"),
            _("Batas waktu"),
            _("Progres (%)"),
            _("Status"),
        ]
    )
    for item in context["previous_follow_ups"] + context["follow_ups"]:
        plan.append(
            xlsx_row(
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
    format_table(plan)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
