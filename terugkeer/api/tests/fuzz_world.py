"""The seeded database schemathesis runs against: one organisation with data, and a stranger."""

from __future__ import annotations

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.api.models import SCOPES
from terugkeer.api.tests.factories import ApiClientFactory
from terugkeer.api.tests.helpers import token_for
from terugkeer.assessments.tests.factories import MeasurementFactory
from terugkeer.cases.plan_services import action_create, goal_create
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionNotificationFactory
from terugkeer.mentoring.tests.factories import MentorFactory, MentorMatchFactory


def seeded_world() -> dict:
    """An API client with every scope and its token; clients, trajectories (one in contact, one
    shielded), a plan, meldingen, measurements and mentor matches, so generated ids meet
    existing rows; and another organisation's trajectory, which must stay invisible."""
    api_client = ApiClientFactory(scopes=sorted(SCOPES))
    own = api_client.organisation
    coordinator = MembershipFactory(organisation=own, role=Role.COORDINATOR).user
    trajectories = [
        TrajectoryFactory(client=ClientFactory(organisation=own)),
        TrajectoryFactory(client=ClientFactory(organisation=own), in_contact=True),
        TrajectoryFactory(
            client=ClientFactory(organisation=own), coordinator=coordinator, shielded=True
        ),
    ]
    goal = goal_create(trajectory=trajectories[0], description="Een woning vinden")
    action_create(trajectory=trajectories[0], description="Inschrijven", goal=goal)
    for trajectory in trajectories[:2]:
        DetentionNotificationFactory(detention=trajectory.detention)
        MeasurementFactory(trajectory=trajectory)
    MentorMatchFactory(mentor=MentorFactory(organisation=own), trajectory=trajectories[1])
    MentorMatchFactory(mentor=MentorFactory(organisation=own), trajectory=trajectories[2])
    TrajectoryFactory(client=ClientFactory())
    return {"api_client": api_client, "token": token_for(api_client), "trajectories": trajectories}
