def active_organisation(request):
    """Exposes the active organisation, role and the other memberships to the base layout."""
    membership = getattr(request, "membership", None)
    return {
        "active_membership": membership,
        "active_organisation": getattr(request, "organisation", None),
        "other_memberships": [
            m
            for m in getattr(request, "memberships", [])
            if membership is None or m.pk != membership.pk
        ],
    }
