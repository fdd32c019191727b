from terugkeer.core.roles import REPORT_ROLES


def reports_nav(request):
    """Whether the base layout shows the link to the reports."""
    scope = getattr(request, "scope", None)
    return {"show_reports_nav": scope is not None and scope.role in REPORT_ROLES}
