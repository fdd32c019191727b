"""What assessments adds to other apps' pages through their registries (none of them imports it)."""

import datetime

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.assessments.choices import MeasurementKind
from terugkeer.assessments.tests.factories import measure
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_client_page_shows_the_zrm_measurements_of_every_trajectory(verified_client):
    earlier = TrajectoryFactory(opened_on=D(2025, 1, 6), closed=True)
    client = earlier.client
    later = TrajectoryFactory(
        client=client, organisation=client.organisation, opened_on=D(2026, 1, 5)
    )
    measure(earlier, {"financien": 1, "werk-opleiding": 2}, measured_on=D(2025, 1, 20))
    measure(
        later,
        {"financien": 3, "werk-opleiding": 4},
        kind=MeasurementKind.FOLLOW_UP,
        measured_on=D(2026, 2, 2),
    )
    coordinator = MembershipFactory(organisation=client.organisation, role=Role.COORDINATOR)

    response = verified_client(coordinator.user, client.organisation).get(
        reverse("clients:detail", args=[client.pk])
    )

    section = next(
        s for s in response.context["sections"] if s.template_name.startswith("assessments/")
    )
    # Newest first; the totals are the sums of the scored domains (3 + 4 and 1 + 2).
    assert [
        (r["measurement"].measured_on, r["total"], r["scored"]) for r in section.context["rows"]
    ] == [
        (D(2026, 2, 2), 7, 2),
        (D(2025, 1, 20), 3, 2),
    ]
    html = response.content.decode()
    assert html.index('id="trajecten"') < html.index('id="zrm-metingen"')
    assert reverse("assessments:trajectory", args=[later.pk]) in html


def test_no_measurements_no_section(verified_client):
    trajectory = TrajectoryFactory()
    coordinator = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR)
    response = verified_client(coordinator.user, trajectory.organisation).get(
        reverse("clients:detail", args=[trajectory.client.pk])
    )
    assert 'id="zrm-metingen"' not in response.content.decode()


def test_the_satisfaction_tile_leads_to_a_working_page(verified_client):
    advisor = MembershipFactory(role=Role.POLICY_ADVISOR)
    client = verified_client(advisor.user, advisor.organisation)
    tile = next(
        t for t in client.get(reverse("core:home")).context["tasks"] if "C-toets" in t.title
    )
    assert client.get(tile.url).status_code == 200
