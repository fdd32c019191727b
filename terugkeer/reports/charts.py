"""Report charts as inline SVG (matplotlib, Agg), safe under the strict Content-Security-Policy.

Every bar carries a ``<title>`` and ``data-*`` attributes with its label, series and value, so the
chart is readable by screen readers and checkable in tests without looking at pixels. A chart
plots what the table shows: a suppressed cell ("<5", primary or complementary) gets no bar
length but a hatched, labelled "<5" marker and a note under the chart, never a bar of 0.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from terugkeer.core.svg import (
    XLINK_NS,
    Annotations,
    annotate_marks,
    labelled_svg_string,
    parse_matplotlib_svg,
)
from terugkeer.reports.framework import SUPPRESSED, ReportResult, format_cell

# NL Design System-like palette with at least 4.5:1 contrast on white.
COLOURS = ["#154273", "#b35900", "#3d7a3d", "#6b4c9a", "#6b7785"]
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "terugkeer-report",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.color": "#1a1a1a",
    "axes.labelcolor": "#1a1a1a",
    "xtick.color": "#1a1a1a",
    "ytick.color": "#1a1a1a",
}
MAX_BARS = 40


def report_chart_svg(result: ReportResult, *, chart_id: str = "rapport-grafiek") -> str | None:
    """The report's chart as an SVG string, or None when it has no chart or nothing to plot."""
    spec = result.chart
    if spec is None or spec.table >= len(result.tables):
        return None
    table = result.tables[spec.table]
    columns = {c.key: c for c in table.columns}
    rows = [
        row
        for row in table.rows
        if row.get(spec.label) != "Totaal"
        and any(
            isinstance(row.get(key), int | float) or row.get(key) == SUPPRESSED
            for key in spec.values
        )
    ][:MAX_BARS]
    if not rows:
        return None
    labels = [str(row.get(spec.label)) for row in rows]
    annotations: Annotations = {}
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(9, max(3.0, 0.28 * len(rows) * max(1, len(spec.values)) + 1.4)))
        axes = figure.subplots()
        height = 0.8 / (1 if spec.stacked else len(spec.values))
        left = [0.0] * len(rows)
        suppressed_any = False
        for series, key in enumerate(spec.values):
            column = columns[key]
            for index, row in enumerate(rows):
                raw = row.get(key)
                value = float(raw) if isinstance(raw, int | float) else 0.0
                offset = 0 if spec.stacked else (series - (len(spec.values) - 1) / 2) * height
                start = left[index] if spec.stacked else 0
                (patch,) = axes.barh(
                    index + offset,
                    value,
                    height,
                    left=start,
                    color=COLOURS[series % len(COLOURS)],
                    label=column.label if index == 0 else None,
                )
                if raw == SUPPRESSED:
                    # No length: a suppressed figure is unknown, not 0. A hatched marker with
                    # the label "<5" shows where it would be.
                    patch.set_facecolor("none")
                    patch.set_edgecolor(COLOURS[series % len(COLOURS)])
                    patch.set_hatch("//")
                    axes.text(
                        start,
                        index + offset,
                        f" {SUPPRESSED}",
                        va="center",
                        ha="left",
                        fontsize=8,
                        color="#1a1a1a",
                    )
                    suppressed_any = True
                if spec.stacked:
                    left[index] += value
                gid = f"{chart_id}-{series}-{index}"
                patch.set_gid(gid)
                shown = SUPPRESSED if raw == SUPPRESSED else format_cell(raw, column)
                annotations[gid] = (
                    f"{labels[index]}, {column.label}: {shown}",
                    {"label": labels[index], "series": key, "value": shown},
                )
        axes.set_yticks(list(range(len(rows))), labels)
        axes.invert_yaxis()
        axes.set_title(spec.title, loc="left")
        if suppressed_any:
            figure.text(
                0.01,
                0.01,
                f"{SUPPRESSED}: verborgen (klein aantal of af te leiden uit een totaal), niet 0",
                fontsize=8,
                color="#1a1a1a",
            )
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.04), ncols=3, frameon=False)
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _clean_svg(buffer.getvalue(), annotations, chart_id=chart_id, title=spec.title)


def _prefix_ids(root: ET.Element, prefix: str) -> None:
    """Make matplotlib's ids (patch_1, text_2 …) unique per chart: a page or PDF may hold several.

    Our own annotated ids already start with the prefix; references (``#id``, ``url(#id)``)
    are rewritten with them.
    """
    renamed = {}
    for element in root.iter():
        gid = element.get("id")
        if gid and not gid.startswith(prefix):
            renamed[gid] = f"{prefix}-{gid}"
            element.set("id", renamed[gid])
    href_names = ("href", f"{{{XLINK_NS}}}href")
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name in href_names and value.startswith("#") and value[1:] in renamed:
                element.set(name, f"#{renamed[value[1:]]}")
            elif value.startswith("url(#") and value[5:-1] in renamed:
                element.set(name, f"url(#{renamed[value[5:-1]]})")


def _clean_svg(svg: str, annotations: Annotations, *, chart_id: str, title: str) -> str:
    root = parse_matplotlib_svg(svg)
    _prefix_ids(root, chart_id)
    annotate_marks(root, annotations)
    return labelled_svg_string(
        root,
        title=f"{title} (de tabel hieronder bevat dezelfde cijfers)",
        title_id=f"{chart_id}-titel",
        css_class="report-chart__svg",
    )
