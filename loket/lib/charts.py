"""Charts drawn on the server with pygal, embedded as SVG data URIs.

An <img> never runs the script pygal puts in its SVG, so pages stay script-free and
the same URI works in WeasyPrint PDFs. Every chart sits next to a table (or an
export) with the same figures, so nothing is only in the picture.

pygal is imported when a chart is drawn, not when a view module imports this one:
a web worker that never draws a chart does not carry it (docs/bench.md, "Lean workers").
"""

import base64
import functools
import math

from django.utils.translation import gettext

STYLE_OPTIONS = dict(
    background="white",
    plot_background="white",
    foreground="#1d2733",
    foreground_strong="#1d2733",
    foreground_subtle="#d8dee4",
    colors=("#0b5d8a", "#b3261e", "#1b7a3a", "#8a5a00", "#5b6773"),
    font_family="DejaVu Sans, sans-serif",
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=11,
    title_font_size=13,
    value_font_size=10,
)


@functools.cache
def _style():
    from pygal.style import Style

    return Style(**STYLE_OPTIONS)


def _config(**extra):
    return {
        "style": _style(),
        "js": [],
        "disable_xml_declaration": True,
        "width": 640,
        "height": 300,
        "print_values": False,
        "legend_at_bottom": True,
        "truncate_label": -1,
        # pygal's own "No data" is English on every page.
        "no_data_text": gettext("Belum ada data."),
        **extra,
    }


def _uri(chart):
    svg = chart.render(is_unicode=True).encode("utf-8")
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


def count_axis(series, ticks=5):
    """Axis options for counts: whole numbers from 0, about `ticks` steps (pygal's own
    scale would label 0 to 1 in tenths when every count is 0 or 1)."""
    top = max([v for _name, values in series for v in values if v is not None] or [0])
    step = max(1, math.ceil(top / ticks))
    top = max(step, math.ceil(top / step) * step)
    return {"range": (0, top), "y_labels": list(range(0, top + 1, step))}


def bar(title, labels, series, horizontal=False, counts=False, **extra):
    """`series` is [(name, [value per label]), ...]; None values are left blank.
    `counts`: the values are whole numbers, and so is every label of the axis."""
    if counts:
        extra = {**count_axis(series), **extra}
    import pygal

    chart = (pygal.HorizontalBar if horizontal else pygal.Bar)(**_config(**extra))
    chart.title = title
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), [None if v is None else float(v) for v in values])
    return _uri(chart)


def line(title, labels, series, **extra):
    import pygal

    chart = pygal.Line(**_config(**extra))
    chart.title = title
    chart.x_labels = [str(label) for label in labels]
    for name, values in series:
        chart.add(str(name), [None if v is None else float(v) for v in values])
    return _uri(chart)
