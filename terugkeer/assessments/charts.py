"""The ZRM progress chart as inline SVG (matplotlib, Agg; no scripts and no CSS for the CSP).

matplotlib writes ``style="..."`` attributes and a ``<style>`` element, which a strict
``style-src 'self'`` blocks; we rewrite them into SVG presentation attributes. Every bar and point
carries a ``<title>`` (read by screen readers and shown on hover) and ``data-*`` attributes with
its values, so the chart can be checked without looking at pixels.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from terugkeer.assessments.selectors import Progress
from terugkeer.core.svg import (
    SVG_NS,  # noqa: F401  (the tests read the chart in this namespace)
    annotate_marks,
    labelled_svg_string,
    parse_matplotlib_svg,
)

FIRST_COLOUR = "#6b7785"  # 4.6:1 on white
LATEST_COLOUR = "#154273"
TEXT_COLOUR = "#1a1a1a"
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "terugkeer-zrm",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "text.color": TEXT_COLOUR,
    "axes.labelcolor": TEXT_COLOUR,
    "xtick.color": TEXT_COLOUR,
    "ytick.color": TEXT_COLOUR,
}


def _score_text(score: int | None) -> str:
    return "niet gescoord" if score is None else str(score)


def zrm_progress_svg(progress: Progress, *, title: str = "Voortgang ZRM") -> str:
    """One trajectory's chart: first versus latest score per domain, and the total over time."""
    annotations: dict[str, tuple[str, dict[str, str]]] = {}
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(9, max(3.2, 0.32 * len(progress.domains) + 1.2)))
        bars, line = figure.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
        labels = [d.label for d in progress.domains]
        positions = list(range(len(labels)))
        height = 0.38
        first_label = progress.first.get_kind_display() if progress.first else "eerste"
        for index, domain in enumerate(progress.domains):
            first = bars.barh(
                index - height / 2,
                domain.first or 0,
                height,
                color=FIRST_COLOUR,
                label=f"Eerste meting ({first_label})" if index == 0 else None,
            )[0]
            latest = bars.barh(
                index + height / 2,
                domain.latest or 0,
                height,
                color=LATEST_COLOUR,
                label="Laatste meting" if index == 0 else None,
            )[0]
            for patch, which, score in (
                (first, "first", domain.first),
                (latest, "latest", domain.latest),
            ):
                gid = f"zrm-{domain.code}-{which}"
                patch.set_gid(gid)
                name = "eerste" if which == "first" else "laatste"
                annotations[gid] = (
                    f"{domain.label}, {name} meting: {_score_text(score)}",
                    {"domain": domain.code, "which": which, "score": _score_text(score)},
                )
        bars.set_yticks(positions, labels)
        bars.invert_yaxis()
        bars.set_xlim(0, 5)
        bars.set_xticks([1, 2, 3, 4, 5])
        bars.set_xlabel("Score (1 acute problematiek – 5 volledig zelfredzaam)")
        bars.set_title("Score per domein", loc="left")
        if progress.domains:
            bars.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncols=2, frameon=False)
        dates = [point.measured_on for point in progress.totals]
        totals = [point.total for point in progress.totals]
        line.plot(dates, totals, color=LATEST_COLOUR, linewidth=2)
        for index, point in enumerate(progress.totals):
            (marker,) = line.plot([point.measured_on], [point.total], "o", color=LATEST_COLOUR)
            gid = f"zrm-total-{index}"
            marker.set_gid(gid)
            annotations[gid] = (
                f"{point.kind} {point.measured_on:%d-%m-%Y}: totaal {point.total} "
                f"({point.scored} domeinen gescoord)",
                {
                    "date": point.measured_on.isoformat(),
                    "total": str(point.total),
                    "scored": str(point.scored),
                },
            )
            line.annotate(
                str(point.total),
                (point.measured_on, point.total),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
            )
        line.set_title("Totaalscore", loc="left")
        line.set_ylim(0, max([65, *totals]) + 5)
        line.tick_params(axis="x", labelrotation=30)
        if dates:
            line.set_xticks(dates, [d.strftime("%d-%m-%Y") for d in dates])
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    root = parse_matplotlib_svg(buffer.getvalue())
    annotate_marks(root, annotations)
    return labelled_svg_string(
        root,
        title=(
            f"{title}: {progress.improved} domeinen vooruit, {progress.equal} gelijk, "
            f"{progress.worse} achteruit"
        ),
        title_id="zrm-chart-title",
        css_class="zrm-chart__svg",
    )
