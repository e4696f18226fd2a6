"""The report pages' figures as exportable tables (and charts)."""

from django.utils.translation import gettext as _

from loket.lib import charts
from loket.lib.exports import Figure


def _share(value):
    return round(value * 100, 1) if value is not None else None


def _num(value):
    return round(value, 1) if value is not None else None


def supervision_figures(data, draw=True):
    steps = Figure(
        "langkah",
        _("Waktu kerja per langkah SOP (menit kerja)"),
        [
            _("Langkah"),
            _("Peran"),
            _("Jumlah"),
            _("Baku mutu"),
            _("Median"),
            _("Persentil 90"),
            _("Rata-rata"),
            _("Tepat waktu (%)"),
            _("Total keterlambatan (menit)"),
        ],
        [
            [
                f"{r['no']}. {r['name']}",
                str(r["role"]),
                r["figures"].count,
                r["figures"].standard,
                _num(r["figures"].median),
                r["figures"].p90,
                _num(r["figures"].mean),
                _share(r["figures"].on_time_share),
                r["figures"].late_minutes,
            ]
            for r in data["steps"]
        ],
        chart_column=9,
    )
    officers = Figure(
        "petugas",
        _("Waktu kerja per petugas"),
        [
            _("Petugas"),
            _("Jumlah"),
            _("Median"),
            _("Persentil 90"),
            _("Tepat waktu (%)"),
            _("Total keterlambatan (menit)"),
        ],
        [
            [
                r["name"],
                r["figures"].count,
                _num(r["figures"].median),
                r["figures"].p90,
                _share(r["figures"].on_time_share),
                r["figures"].late_minutes,
            ]
            for r in data["officers"]
        ],
        chart_column=5,
    )
    per = Figure(
        "petugas-langkah",
        _("Waktu kerja per petugas dan langkah"),
        [
            _("Petugas"),
            _("Langkah"),
            _("Jumlah"),
            _("Baku mutu"),
            _("Median"),
            _("Persentil 90"),
            _("Tepat waktu (%)"),
        ],
        [
            [
                r["name"],
                r["no"],
                r["figures"].count,
                r["figures"].standard,
                _num(r["figures"].median),
                r["figures"].p90,
                _share(r["figures"].on_time_share),
            ]
            for r in data["officer_steps"]
        ],
    )
    late = Figure(
        "terlambat",
        _("Berkas terlambat"),
        [
            _("Nomor registrasi"),
            _("Langkah"),
            _("Petugas"),
            _("Waktu kerja"),
            _("Baku mutu"),
            _("Terlambat (menit)"),
        ],
        [
            [
                e.application.reg_number,
                e.step_no,
                e.officer_name,
                e.elapsed_minutes,
                e.standard_minutes,
                e.late_minutes,
            ]
            for e in data["late_files"]
        ],
    )
    if draw and data["steps"]:
        labels = [str(r["no"]) for r in data["steps"]]
        steps.chart = charts.bar(
            _("Hambatan SOP: total menit keterlambatan per langkah"),
            labels,
            [(_("Menit terlambat"), [r["figures"].late_minutes for r in data["steps"]])],
            show_legend=False,
        )
        officers.chart = charts.bar(
            _("Tepat waktu per langkah (%)"),
            labels,
            [(_("Tepat waktu"), [_share(r["figures"].on_time_share) for r in data["steps"]])],
            range=(0, 100),
            show_legend=False,
        )
    return [steps, officers, per, late]


def performance_figures(data):
    return supervision_figures(data, draw=False)[:3]


def staffing_figure(rows):
    return Figure(
        "kepegawaian",
        _("Jumlah pelaksana menurut standar dan yang menjabat"),
        [_("Layanan"), _("Peran"), _("Menurut standar"), _("Menjabat"), _("Kekurangan")],
        [
            [str(s["service"]), str(r["role"]), r["needed"], r["have"], r["short"]]
            for s in rows
            for r in s["rows"]
        ],
    )


def dashboard_figures(data, draw=True):
    months = [m["month"].strftime("%m/%Y") for m in data["permits"]]
    open_files = Figure(
        "berkas-proses",
        _("Berkas dalam proses dan terlambat per langkah"),
        [_("Langkah"), _("Peran"), _("Dalam proses"), _("Terlambat")],
        [
            [f"{r['no']}. {r['name']}", str(r["role"]), r["open"], r["late"]]
            for r in data["open_by_step"]
        ],
        chart_column=3,
    )
    permits = Figure(
        "izin-terbit",
        _("Izin terbit per bulan"),
        [_("Bulan"), _("Izin terbit")],
        [[label, m["n"]] for label, m in zip(months, data["permits"], strict=True)],
        chart_column=2,
    )
    to_issue = Figure(
        "lama-proses",
        _("Rata-rata hari kerja dari pengajuan sampai izin terbit"),
        [_("Bulan"), _("Berkas"), _("Hari kerja"), _("Standar (hari kerja)")],
        [
            [label, m["files"], m["days"], data["standard_days"]]
            for label, m in zip(months, data["to_issue"], strict=True)
        ],
        chart_column=3,
    )
    trend = Figure(
        "ikm",
        _("IKM per periode"),
        [_("Periode"), _("Responden"), "IKM", _("Mutu")],
        [
            [
                p["period"].label,
                p["respondents"],
                float(p["ikm"]) if p["ikm"] is not None else None,
                p["result"].mutu,
            ]
            for p in data["trend"]
        ],
        chart_column=3,
    )
    figures = [open_files, permits, to_issue, trend]
    if data["complaints"] is not None:
        figures.append(
            Figure(
                "pengaduan",
                _("Pengaduan terbuka per bobot"),
                [_("Bobot"), _("Terbuka"), _("Lewat batas waktu")],
                [[str(r["label"]), r["open"], r["overdue"]] for r in data["complaints"]],
                chart_column=2,
            )
        )
    if draw:
        open_files.chart = charts.bar(
            open_files.title,
            [str(r["no"]) for r in data["open_by_step"]],
            [
                (_("Dalam proses"), [r["open"] for r in data["open_by_step"]]),
                (_("Terlambat"), [r["late"] for r in data["open_by_step"]]),
            ],
            counts=True,
        )
        permits.chart = charts.bar(
            permits.title,
            months,
            [(_("Izin terbit"), [m["n"] for m in data["permits"]])],
            show_legend=False,
            counts=True,
            x_label_rotation=45,
        )
        to_issue.chart = charts.line(
            to_issue.title,
            months,
            [
                (_("Rata-rata"), [m["days"] for m in data["to_issue"]]),
                (_("Standar"), [data["standard_days"]] * len(months)),
            ],
            x_label_rotation=45,
        )
        trend.chart = charts.line(
            trend.title,
            [p["period"].label for p in data["trend"]],
            [("IKM", [p["ikm"] for p in data["trend"]])],
            range=(25, 100),
            show_legend=False,
        )
        if data["complaints"]:
            figures[-1].chart = charts.bar(
                figures[-1].title,
                [str(r["label"]) for r in data["complaints"]],
                [
                    (_("Terbuka"), [r["open"] for r in data["complaints"]]),
                    (_("Lewat batas waktu"), [r["overdue"] for r in data["complaints"]]),
                ],
                counts=True,
            )
    return figures
