"""Handing over a caseload (overdragen): team chairs anybody's, coordinators only their own."""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.models import Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db

URL = "/overdragen/"


@pytest.fixture
def team():
    organisation = OrganisationFactory()

    def member(role=Role.COORDINATOR):
        return MembershipFactory(organisation=organisation, role=role).user

    anna, bram, chair = member(), member(), member(Role.TEAM_CHAIR)

    def case(coordinator, **kwargs):
        return TrajectoryFactory(
            client=ClientFactory(organisation=organisation), coordinator=coordinator, **kwargs
        )

    return {
        "organisation": organisation,
        "anna": anna,
        "bram": bram,
        "chair": chair,
        "anna_cases": [case(anna), case(anna, shielded=True), case(anna)],
        "anna_closed": case(anna, closed=True),
        "bram_cases": [case(bram), case(bram)],
    }


def _coordinators(team):
    return {
        t.pk: t.coordinator_id for t in Trajectory.objects.filter(organisation=team["organisation"])
    }


def test_url_name():
    assert reverse("reassign:form") == URL


def test_coordinator_hands_over_selected_trajectories_of_their_own(team, verified_client):
    client = verified_client(team["anna"], team["organisation"])
    first, shielded, third = team["anna_cases"]
    page = client.get(URL)
    assert page.status_code == 200
    assert first.client.display_name in page.content.decode()
    assert team["bram_cases"][0].client.display_name not in page.content.decode()
    response = client.post(
        URL,
        {
            "from_user": team["anna"].pk,
            "to_user": team["bram"].pk,
            "trajectories": [first.pk, shielded.pk],
        },
        follow=True,
    )
    assert "2 trajecten overgedragen van" in response.content.decode()
    coordinators = _coordinators(team)
    assert coordinators[first.pk] == coordinators[shielded.pk] == team["bram"].pk
    assert coordinators[third.pk] == team["anna"].pk
    assert coordinators[team["anna_closed"].pk] == team["anna"].pk
    # The history keeps who had it before
    previous = first.history.order_by("-history_date")[1]
    assert previous.coordinator_id == team["anna"].pk


def test_nothing_ticked_hands_over_the_whole_open_caseload(team, verified_client):
    client = verified_client(team["anna"], team["organisation"])
    response = client.post(
        URL, {"from_user": team["anna"].pk, "to_user": team["bram"].pk}, follow=True
    )
    assert "3 trajecten overgedragen" in response.content.decode()
    coordinators = _coordinators(team)
    assert {coordinators[t.pk] for t in team["anna_cases"]} == {team["bram"].pk}
    assert coordinators[team["anna_closed"].pk] == team["anna"].pk


def test_coordinator_cannot_hand_over_a_colleagues_caseload(team, verified_client):
    client = verified_client(team["anna"], team["organisation"])
    before = _coordinators(team)
    response = client.post(URL, {"from_user": team["bram"].pk, "to_user": team["anna"].pk})
    assert response.status_code == 200
    assert response.context["form"].errors["from_user"]
    # Nor by ticking a colleague's trajectory under their own name
    response = client.post(
        URL,
        {
            "from_user": team["anna"].pk,
            "to_user": team["anna"].pk,
            "trajectories": [team["bram_cases"][0].pk],
        },
    )
    assert response.context["form"].errors["trajectories"]
    assert _coordinators(team) == before


def test_team_chair_hands_over_anybodys_caseload(team, verified_client):
    client = verified_client(team["chair"], team["organisation"])
    page = client.get(URL, {"from_user": team["bram"].pk}).content.decode()
    assert team["bram_cases"][0].client.display_name in page
    assert team["anna_cases"][0].client.display_name not in page
    response = client.post(
        URL,
        {
            "from_user": team["bram"].pk,
            "to_user": team["anna"].pk,
            "trajectories": [team["bram_cases"][1].pk],
        },
        follow=True,
    )
    assert "1 traject overgedragen van" in response.content.decode()
    coordinators = _coordinators(team)
    assert coordinators[team["bram_cases"][1].pk] == team["anna"].pk
    assert coordinators[team["bram_cases"][0].pk] == team["bram"].pk


def test_same_coordinator_and_users_of_another_organisation_are_refused(team, verified_client):
    outsider = MembershipFactory(role=Role.COORDINATOR).user
    client = verified_client(team["chair"], team["organisation"])
    before = _coordinators(team)
    response = client.post(URL, {"from_user": team["anna"].pk, "to_user": team["anna"].pk})
    assert response.context["form"].errors["to_user"]
    response = client.post(URL, {"from_user": team["anna"].pk, "to_user": outsider.pk})
    assert response.context["form"].errors["to_user"]
    assert _coordinators(team) == before


@pytest.mark.parametrize("role", [Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN])
def test_other_roles_are_refused(team, verified_client, role):
    user = MembershipFactory(organisation=team["organisation"], role=role).user
    client = verified_client(user, team["organisation"])
    before = _coordinators(team)
    response = client.post(URL, {"from_user": team["anna"].pk, "to_user": team["bram"].pk})
    assert response.status_code == 403
    assert _coordinators(team) == before


# --- the rule lives in the service, whoever calls it (a view, the API, a command) ----------------


def _scope(user, organisation, role):
    from terugkeer.core.access import Scope

    return Scope(user=user, organisation=organisation, role=role)


def test_the_service_refuses_a_coordinator_handing_over_a_colleagues_caseload(team):
    from django.core.exceptions import ValidationError

    from terugkeer.cases.reassign_services import trajectories_reassign

    before = _coordinators(team)
    anna = _scope(team["anna"], team["organisation"], Role.COORDINATOR)
    with pytest.raises(ValidationError, match="alleen uw eigen trajecten"):
        trajectories_reassign(scope=anna, from_user=team["bram"], to_user=team["anna"])
    # A trajectory of someone else among the chosen ones refuses the whole hand-over.
    with pytest.raises(ValidationError, match="Kies alleen trajecten"):
        trajectories_reassign(
            scope=anna,
            from_user=team["anna"],
            to_user=team["bram"],
            trajectory_ids=[team["anna_cases"][0].pk, team["bram_cases"][0].pk],
        )
    # The receiver must be a casework colleague of this organisation.
    stranger = MembershipFactory(role=Role.COORDINATOR).user
    with pytest.raises(ValidationError, match="geen coördinator van uw organisatie"):
        trajectories_reassign(scope=anna, from_user=team["anna"], to_user=stranger)
    assert _coordinators(team) == before


def test_the_service_lets_a_team_chair_hand_over_anybodys_open_cases(team):
    from terugkeer.cases.reassign_services import trajectories_reassign

    chair = _scope(team["chair"], team["organisation"], Role.TEAM_CHAIR)
    count = trajectories_reassign(scope=chair, from_user=team["anna"], to_user=team["bram"])
    # Anna's three open cases (one shielded: the chair sees every case); the closed one stays.
    assert count == 3
    after = _coordinators(team)
    assert {after[t.pk] for t in team["anna_cases"]} == {team["bram"].pk}
    assert after[team["anna_closed"].pk] == team["anna"].pk


def test_the_receiver_must_be_able_to_change_the_cases(team):
    """A plain team chair only reads cases: handing a caseload to them is refused."""
    from django.core.exceptions import ValidationError

    from terugkeer.cases.reassign_services import trajectories_reassign

    chair = _scope(team["chair"], team["organisation"], Role.TEAM_CHAIR)
    with pytest.raises(ValidationError, match="geen coördinator van uw organisatie"):
        trajectories_reassign(scope=chair, from_user=team["anna"], to_user=team["chair"])
