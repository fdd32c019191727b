"""The klantreis chart as inline SVG (matplotlib, Agg; CSP-safe: no ``<style>``, no scripts).

Lanes (DJI / PI, the own organisation, partners, the client) on the y-axis, months on the
x-axis. A detention is a bar from its start to its (expected) end; every other event is a
marker whose shape depends on its kind, so the chart does not rely on colour alone. Every mark
carries a ``<title>`` (read by screen readers, shown on hover) and ``data-*`` attributes. The
same events are listed in the table below the chart.
"""

from __future__ import annotations

import datetime
import io
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")

from matplotlib.dates import date2num
from matplotlib.figure import Figure

from terugkeer.cases.timeline import Event, Lane
from terugkeer.core.svg import SVG_NS, annotate_marks, labelled_svg_string, parse_matplotlib_svg

TEXT_COLOUR = "#1a1a1a"
# (marker, colour, legend label); all colours have at least 4.5:1 contrast on white.
KIND_STYLE = {
    "notification": ("v", "#8a3b00", "melding"),
    "status": ("s", "#154273", "statuswijziging"),
    "contact": ("o", "#006b3c", "contact"),
    "action": ("D", "#5b2c83", "actie gedaan"),
    "measurement": ("^", "#a3195b", "ZRM-meting"),
}
DETENTION_COLOUR = "#6b7785"
EXPECTED_COLOUR = "#c3c9d0"
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "terugkeer-klantreis",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
}


def _month_ticks(start: datetime.date, end: datetime.date) -> tuple[list, list[str]]:
    first = datetime.date(start.year, start.month, 1)
    months = []
    current = first
    while current <= end:
        months.append(current)
        year, month = divmod(current.month, 12)
        current = datetime.date(current.year + year, month + 1, 1)
    step = 1 if len(months) <= 14 else 3 if len(months) <= 40 else 12
    shown = months[::step]
    labels = [f"{MONTHS[m.month - 1]}\n{m.year}" for m in shown]
    return [date2num(m) for m in shown], labels


def journey_svg(
    events: list[Event],
    lanes: list[Lane],
    *,
    title: str,
    description: str = "",
    chart_id: str = "klantreis",
    today: datetime.date | None = None,
) -> str:
    """The chart for ``events`` (from :func:`terugkeer.cases.timeline.client_journey`)."""
    today = today or datetime.date.today()
    lane_index = {lane.code: index for index, lane in enumerate(lanes)}
    dates = [e.date for e in events] + [e.end for e in events if e.end]
    start = min(dates, default=today) - datetime.timedelta(days=10)
    end = max(dates, default=today) + datetime.timedelta(days=10)
    annotations: dict[str, tuple[str, dict[str, str]]] = {}
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(10, 1.1 + 0.7 * len(lanes)))
        axes = figure.subplots()
        stacked: dict[tuple[int, int], int] = {}
        legend_done: set[str] = set()
        for index, event in enumerate(events):
            y = lane_index.get(event.lane.code, len(lanes) - 1)
            gid = f"{chart_id}-event-{index}"
            if event.kind == "detention":
                finish = event.end or today
                colour = EXPECTED_COLOUR if event.end_is_expected or not event.end else None
                (bar,) = axes.barh(
                    y,
                    max(1, (finish - event.date).days),
                    left=date2num(event.date),
                    height=0.5,
                    color=DETENTION_COLOUR,
                    edgecolor=colour or DETENTION_COLOUR,
                    hatch="//" if colour else None,
                    label=None if "detention" in legend_done else "detentie",
                )
                legend_done.add("detention")
                artist = bar
            else:
                marker, colour, legend = KIND_STYLE.get(event.kind, ("o", TEXT_COLOUR, ""))
                # Events in the same lane within a fortnight are stacked a little apart.
                slot = (y, date2num(event.date) // 14)
                offset = stacked.get(slot, 0)
                stacked[slot] = offset + 1
                dy = ((offset % 5) - 2) * 0.12 if offset else 0
                (artist,) = axes.plot(
                    [date2num(event.date)],
                    [y + dy],
                    marker=marker,
                    color=colour,
                    markersize=7,
                    markeredgecolor="white",
                    markeredgewidth=0.6,
                    linestyle="none",
                    label=None if event.kind in legend_done else legend,
                )
                legend_done.add(event.kind)
            artist.set_gid(gid)
            annotations[gid] = (
                event.title,
                {
                    "index": str(index),
                    "kind": event.kind,
                    "lane": event.lane.code,
                    "date": event.date.isoformat(),
                },
            )
        axes.set_yticks(range(len(lanes)), [lane.label for lane in lanes])
        axes.set_ylim(len(lanes) - 0.5, -0.5)
        axes.set_xlim(date2num(start), date2num(end))
        ticks, labels = _month_ticks(start, end)
        axes.set_xticks(ticks, labels)
        axes.grid(axis="x", color="#e1e4e8", linewidth=0.6)
        axes.set_axisbelow(True)
        for spine in ("top", "right"):
            axes.spines[spine].set_visible(False)
        if legend_done:
            axes.legend(
                loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=6, frameon=False, fontsize=8
            )
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    root = parse_matplotlib_svg(buffer.getvalue())
    annotate_marks(root, annotations, mark_class="klantreis-mark")
    if description:
        desc_id = f"{chart_id}-desc"
        desc = ET.Element(f"{{{SVG_NS}}}desc", {"id": desc_id})
        desc.text = description
        root.insert(0, desc)
        root.set("aria-describedby", desc_id)
    return labelled_svg_string(
        root, title=title, title_id=f"{chart_id}-title", css_class="klantreis-chart__svg"
    )


def journey_summary(events: list[Event], lanes: list[Lane], client_name: str) -> tuple[str, str]:
    """(title, description) of the chart: the text alternative for screen readers."""
    title = f"Klantreis van {client_name}"
    if not events:
        return title, "Er zijn nog geen gebeurtenissen."
    counts = {lane.label: 0 for lane in lanes}
    for event in events:
        counts[event.lane.label] = counts.get(event.lane.label, 0) + 1
    per_lane = ", ".join(f"{label}: {n}" for label, n in counts.items())
    description = (
        f"{len(events)} gebeurtenissen van {events[0].date:%d-%m-%Y} tot "
        f"{max(e.end or e.date for e in events):%d-%m-%Y}. Per organisatie: {per_lane}. "
        "Alle gebeurtenissen staan ook in de tabel onder de grafiek."
    )
    return title, description
