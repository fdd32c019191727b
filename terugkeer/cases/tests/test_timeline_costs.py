"""Klantreis events with costs from a programme app: lanes of their own and sums per month."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases import registry
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.cases.timeline import LANE_OWN, Event, Lane, journey_lanes, monthly_costs
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db
D = datetime.date
BIKE_SHOP = Lane("partner:fietsenmaker", "Fietsenmaker De Spaak")


def paid_events(scope, trajectory_ids, lanes):
    """What an interventions app would contribute: what was paid, to whom, when."""
    return [
        Event(D(2026, 1, 20), lanes[LANE_OWN], "payment", "Huur doorbetaald", cost=Decimal("1250")),
        Event(D(2026, 1, 28), BIKE_SHOP, "payment", "Fiets", cost=Decimal("49.95")),
        Event(D(2026, 3, 5), lanes[LANE_OWN], "payment", "Jobcoach", cost=Decimal("300.00")),
        Event(D(2026, 3, 6), lanes[LANE_OWN], "gift", "Gesprek over budget"),
    ]


@pytest.fixture
def with_paid_events(monkeypatch):
    monkeypatch.setattr(registry, "_event_sources", [*registry._event_sources, paid_events])


def test_costs_are_summed_per_month():
    lanes = {LANE_OWN: Lane(LANE_OWN, "Gemeente")}
    costs = monthly_costs(paid_events(None, [], lanes))
    # January: 1,250.00 + 49.95; March: 300.00; the event without a cost counts nowhere.
    assert [(c.month, c.total, c.count) for c in costs] == [
        (D(2026, 1, 1), Decimal("1299.95"), 2),
        (D(2026, 3, 1), Decimal("300.00"), 1),
    ]


def test_the_klantreis_tab_shows_the_costs_and_the_apps_own_lane(with_paid_events, verified_client):
    trajectory = TrajectoryFactory(opened_on=D(2026, 1, 12))
    coordinator = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR)
    client = verified_client(coordinator.user, trajectory.organisation)

    response = client.get(reverse("dossier:timeline", args=[trajectory.pk]))
    html = response.content.decode()

    assert response.status_code == 200
    assert [lane.label for lane in response.context["lanes"]][-1] == "Fietsenmaker De Spaak"
    assert "€ 1.250,00" in html  # the event's own row
    assert '<th scope="row">januari 2026</th><td>2</td><td>€ 1.299,95</td>' in html
    assert '<th scope="row">maart 2026</th><td>1</td><td>€ 300,00</td>' in html
    assert '<td data-testid="klantreis-total-cost">€ 1.599,95</td>' in html
    assert "geen kosten vastgelegd" not in html


def test_without_costs_the_tab_says_so(verified_client):
    trajectory = TrajectoryFactory(opened_on=D(2026, 1, 12))
    coordinator = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR)
    html = (
        verified_client(coordinator.user, trajectory.organisation)
        .get(reverse("dossier:timeline", args=[trajectory.pk]))
        .content.decode()
    )
    assert 'data-testid="klantreis-costs"' not in html
    assert "Er zijn voor deze cliënt geen kosten vastgelegd." in html


def test_an_apps_lane_comes_before_the_clients_own_lane():
    trajectory = TrajectoryFactory(organisation__name="Gemeente Katwijk")
    own = Lane(LANE_OWN, "Gemeente Katwijk")
    client_lane = Lane("client", "Cliënt")
    events = [
        Event(D(2026, 1, 1), client_lane, "action", "Zelf gebeld"),
        Event(D(2026, 1, 2), BIKE_SHOP, "payment", "Fiets"),
        Event(D(2026, 1, 3), own, "contact", "Contact"),
    ]
    assert [lane.code for lane in journey_lanes(events, trajectory)] == [
        "dji",
        "own",
        "partner:fietsenmaker",
        "client",
    ]
