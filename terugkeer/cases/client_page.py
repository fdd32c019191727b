"""What cases adds to the client page (``clients.registry``): the client's trajectories."""

from terugkeer.clients.registry import ClientSection, register_section


def trajectories_section(scope, client) -> ClientSection:
    """The client's trajectories, newest first, with coordinator and municipality (one query)."""
    from terugkeer.cases.models import Trajectory

    trajectories = (
        Trajectory.objects.visible_to(scope)
        .filter(client=client)
        .select_related("coordinator", "municipality", "detention__institution")
        .order_by("-opened_on", "-pk")
    )
    return ClientSection(
        "cases/_client_trajectories.html",
        order=20,
        context={"client": client, "trajectories": trajectories},
    )


def register() -> None:
    register_section(trajectories_section)
