"""The team meeting's agenda names the requests that await a colleague's second signature."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.agenda_registry import agenda_for
from terugkeer.core.roles import Role
from terugkeer.interventions import services
from terugkeer.interventions.tests.factories import InterventionRequestFactory, member_scope

pytestmark = pytest.mark.django_db


def test_requests_awaiting_approval_are_on_the_agenda():
    organisation = OrganisationFactory()
    coordinator = member_scope(organisation, Role.COORDINATOR)
    chair = member_scope(organisation, Role.TEAM_CHAIR)
    today = timezone.localdate()

    def signed(surname):
        item = InterventionRequestFactory(
            trajectory=TrajectoryFactory(
                client=ClientFactory(organisation=organisation, surname=surname)
            ),
            created_by=coordinator.user,
        )
        return services.request_submit(
            scope=coordinator, request=item, expected_version=item.version
        )

    waiting = signed("Bakker")
    decided = signed("Claassen")
    services.request_decide(
        scope=chair, request_pk=decided.pk, approve=True, expected_version=decided.version
    )
    InterventionRequestFactory(  # a concept: not signed yet, not on the agenda
        trajectory=TrajectoryFactory(client=ClientFactory(organisation=organisation))
    )

    items = [
        i
        for i in agenda_for(
            scope=chair, since=today - datetime.timedelta(days=21), until=today, today=today
        )
        if i.section == "interventie"
    ]

    assert [(i.subject, i.trajectory_id, i.url) for i in items] == [
        (
            waiting.trajectory.client.display_name,
            waiting.trajectory_id,
            f"/interventies/aanvraag/{waiting.pk}/",
        )
    ]
    assert items[0].section_title == "Interventies die op goedkeuring wachten"
