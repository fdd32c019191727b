"""Report reads. ``rendered_report`` is the one entry point views and exports use."""

from __future__ import annotations

import datetime

from terugkeer.core.access import Scope
from terugkeer.reports.framework import Report, ReportFilters, run_report


def rendered_report(
    report: Report,
    *,
    scope: Scope,
    filters: ReportFilters,
    filter_labels: list[tuple[str, str]],
    today: datetime.date,
    chart_id: str = "rapport-grafiek",
):
    """Compute a report for the scope (small cells suppressed where the role demands it)."""
    from terugkeer.reports.charts import report_chart_svg
    from terugkeer.reports.exports import RenderedReport

    result = run_report(report, scope=scope, filters=filters, today=today)
    return RenderedReport(
        report=report,
        filters=filters,
        result=result,
        chart_svg=report_chart_svg(result, chart_id=chart_id),
        organisation_name=scope.organisation.name,
        filter_labels=filter_labels,
    )
