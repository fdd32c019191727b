from terugkeer.core.roles import CASEWORK_ROLES


def casework_nav(request):
    """Whether the base layout shows the casework links (worklists, client search)."""
    scope = getattr(request, "scope", None)
    return {"show_casework_nav": scope is not None and scope.role in CASEWORK_ROLES}
