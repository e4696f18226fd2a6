"""Growth curves: each scenario's value at every scale run, as a table and an SVG chart.

`make bench SCALE=10000`, `100000` and `1000000` each leave
bench/results-<database>-<scale>.json; docs/bench-results.md shows, per database, the
value of every scenario at each scale and a chart of it relative to the smallest
scale (1 = as at the smallest scale; log scale of files across), so the cost of
growth is seen, not guessed. Time-like values (seconds) that grow show as rising
lines; rates (requests, numbers or messages a second) that fall show as falling ones.
"""

import math
import re
from html import escape
from pathlib import Path

COLOURS = (
    "#0b5d8a",
    "#b3261e",
    "#1b7a3a",
    "#8a5a00",
    "#5b6773",
    "#6a3d9a",
    "#d35400",
    "#00838f",
    "#c2185b",
    "#33691e",
    "#000000",
    "#9e9d24",
)
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 640, 300, 60, 230, 20, 40


def scenario_key(name):
    """A scenario's name without the figures that change with each run."""
    return re.sub(r"[\d,]+ requests", "N requests", name)


def series(runs, database):
    """{scenario: {scale: (value, unit)}} of one database's runs."""
    out = {}
    for run in runs:
        if run["database"] != database:
            continue
        for result in run["scenarios"]:
            key = scenario_key(result["name"])
            out.setdefault(key, {})[run["scale"]] = (result["value"], result["unit"])
    return {k: v for k, v in out.items() if len(v) > 1}


def table(curves):
    scales = sorted({s for points in curves.values() for s in points})
    head = "| scenario | " + " | ".join(f"{s:,} files" for s in scales) + " |"
    rows = [head, "|---|" + "---|" * len(scales)]
    for name, points in curves.items():
        cells = [f"{points[s][0]:,} {points[s][1]}" if s in points else "-" for s in scales]
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def svg(curves, title):
    """A line per scenario: its value at each scale over its value at the smallest."""
    scales = sorted({s for points in curves.values() for s in points})
    lo, hi = math.log10(scales[0]), math.log10(scales[-1])
    relative = {}
    for name, points in curves.items():
        first = points[min(points)][0]
        if first:
            relative[name] = [(s, points[s][0] / first) for s in sorted(points)]
    top = max([2.0] + [r for pts in relative.values() for _, r in pts])
    top = 10 ** math.ceil(math.log10(top)) if top > 10 else math.ceil(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(scale):
        return LEFT + (math.log10(scale) - lo) / ((hi - lo) or 1) * plot_w

    def y(ratio):
        return TOP + plot_h - ratio / top * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, sans-serif" '
        'font-size="10">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#1d2733"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#1d2733"/>',
    ]
    for tick in sorted({0, 1, top / 2, top}):
        out.append(f'<text x="{LEFT - 6}" y="{y(tick) + 3:.1f}" text-anchor="end">{tick:g}×</text>')
        out.append(
            f'<line x1="{LEFT}" y1="{y(tick):.1f}" x2="{LEFT + plot_w}" y2="{y(tick):.1f}" '
            'stroke="#d8dee4"/>'
        )
    for scale in scales:
        out.append(
            f'<text x="{x(scale):.1f}" y="{TOP + plot_h + 14}" text-anchor="middle">'
            f"{scale:,}</text>"
        )
    out.append(
        f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 6}" text-anchor="middle">files '
        "(log scale); value relative to the smallest scale</text>"
    )
    for i, (name, pts) in enumerate(relative.items()):
        colour = COLOURS[i % len(COLOURS)]
        line = " ".join(f"{x(s):.1f},{y(r):.1f}" for s, r in pts)
        out.append(f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2"/>')
        label = name.split(": ", 1)[-1][:34]
        ly = TOP + 12 + i * 14
        out.append(
            f'<rect x="{WIDTH - RIGHT + 10}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
        )
        out.append(f'<text x="{WIDTH - RIGHT + 24}" y="{ly + 1}">{escape(label)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def section(runs, docs):
    """The markdown of the growth curves, writing one SVG per database into docs/."""
    lines = []
    for database in sorted({r["database"] for r in runs}):
        curves = series(runs, database)
        if not curves:
            continue
        # A chart of what grows with the data: the report times and the lists.
        drawn = {
            k: v for k, v in curves.items() if k.startswith(("Report", "Officer list", "Public"))
        }
        name = f"bench-growth-{database}.svg"
        Path(docs, name).write_text(svg(drawn or curves, f"Growth on {database}"))
        lines += [
            f"## Growth on {database}",
            "",
            f"![Each scenario's value relative to the smallest scale, on {database}]({name})",
            "",
            table(curves),
            "",
        ]
    return "\n".join(lines)
