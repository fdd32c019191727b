"""The shielded dimension of the access matrix: an afgeschermd trajectory of the own organisation.

Its coordinator is a colleague, so the matrix's coordinator is *not* assigned: every URL that
names the trajectory, its client, or anything they own must answer 404 to that coordinator (and
stay open to the team chair). Apps add their own rows on it with ``shielded_trajectory(world)``
and ``world["shielded"][param] = value``.
"""

POLICY: dict = {}


def shielded_trajectory(world):
    """The world's shielded trajectory (created once), with a running detention."""
    if "shielded_trajectory" not in world:
        from terugkeer.accounts.tests.factories import MembershipFactory
        from terugkeer.cases.tests.factories import TrajectoryFactory
        from terugkeer.clients.tests.factories import ClientFactory
        from terugkeer.core.roles import Role

        colleague = MembershipFactory(organisation=world["own"], role=Role.COORDINATOR).user
        world["shielded_trajectory"] = TrajectoryFactory(
            client=ClientFactory(organisation=world["own"], surname="Afgeschermd"),
            coordinator=colleague,
            shielded=True,
        )
    return world["shielded_trajectory"]


def extend_world(world) -> None:
    from terugkeer.cases.plan_services import action_create, goal_create
    from terugkeer.detention.tests.factories import DetentionNotificationFactory

    trajectory = shielded_trajectory(world)
    notification = DetentionNotificationFactory(detention=trajectory.detention)
    world["shielded"].update(
        {
            "trajectory_pk": trajectory.pk,
            "client_pk": trajectory.client_id,
            "notification_pk": notification.pk,
            "goal_pk": goal_create(trajectory=trajectory, description="Afgeschermd doel").pk,
            "action_pk": action_create(trajectory=trajectory, description="Afgeschermde actie").pk,
        }
    )
