from terugkeer.core.navigation import menu_for


def navigation(request):
    """The main menu of the base layout: the items the active role sees (``core.navigation``)."""
    scope = getattr(request, "scope", None)
    match = getattr(request, "resolver_match", None)
    view_name = match.view_name if match else ""
    return {"menu": menu_for(scope=scope, view_name=view_name)}
