"""What detention adds to the client page (``clients.registry``): the client's detentions."""

from terugkeer.clients.registry import ClientSection, register_section


def detentions_section(scope, client) -> ClientSection:
    """The client's detentions, newest first, with their PI (one query)."""
    from terugkeer.detention.models import Detention

    detentions = (
        Detention.objects.visible_to(scope)
        .filter(client=client)
        .select_related("institution")
        .order_by("-start_date", "-pk")
    )
    return ClientSection(
        "detention/_client_detentions.html",
        order=10,
        context={"client": client, "detentions": detentions},
    )


def register() -> None:
    register_section(detentions_section)
