"""The dashboard panel on the home page: key figures of the quarter with a small chart."""

from __future__ import annotations

import datetime

from django.urls import reverse

from terugkeer.core.access import Scope
from terugkeer.core.home_panels import HomePanel
from terugkeer.core.roles import REPORT_ROLES, Role
from terugkeer.reports.registry import REPORTS
from terugkeer.reports.selectors import rendered_report
from terugkeer.reports.selectors.dashboard import quarter_figures

# Roles for whom the home page starts with the figures (DESIGN.md §6: coordinators, team chair,
# policy advisor). The functional admin reaches the reports through the menu.
DASHBOARD_ROLES = frozenset({Role.COORDINATOR, Role.TEAM_CHAIR, Role.POLICY_ADVISOR})


def dashboard_panel(scope: Scope, today: datetime.date) -> HomePanel | None:
    if scope.role not in DASHBOARD_ROLES or scope.role not in REPORT_ROLES:
        return None
    filters, figures = quarter_figures(scope=scope, today=today)
    chart = rendered_report(
        REPORTS["meldingen"],
        scope=scope,
        filters=filters,
        filter_labels=[],
        today=today,
        chart_id="dashboard-meldingen",
    ).chart_svg
    query = f"start={filters.start.isoformat()}&end={filters.end.isoformat()}"
    return HomePanel(
        "reports/_dashboard.html",
        {
            "figures": figures,
            "period": filters.period_label,
            "chart_svg": chart,
            "reports_url": reverse("reports:index"),
            "notifications_url": f"{reverse('reports:detail', args=['meldingen'])}?{query}",
        },
    )
