"""Issue 12: the queue from the worklist: "aan mij" in one click, several at once to a colleague;
a trajectory a colleague took first is a refusal with its name, never assigned twice."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.models import Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.testing import login_verified
from terugkeer.testing_races import run_at_once, statement

ASSIGN = reverse("cases:assign")


@pytest.fixture
def team(db):
    organisation = OrganisationFactory()

    def member(role):
        return MembershipFactory(organisation=organisation, role=role).user

    return {
        "organisation": organisation,
        "anna": member(Role.COORDINATOR),
        "bram": member(Role.COORDINATOR),
        "chair": member(Role.TEAM_CHAIR),
    }


def queued(team, surname):
    return TrajectoryFactory(
        client=ClientFactory(organisation=team["organisation"], surname=surname)
    )


def session(verified_client, team, who):
    return verified_client(team[who], team["organisation"])


def coordinators(*trajectories):
    return [Trajectory.objects.get(pk=t.pk).coordinator_id for t in trajectories]


@pytest.mark.django_db
def test_a_coordinator_takes_one_in_a_click(verified_client, team):
    first, second = queued(team, "Aalders"), queued(team, "Brink")
    anna = session(verified_client, team, "anna")

    page = anna.get(reverse("cases:new")).content.decode()
    response = anna.post(ASSIGN, {"take": first.pk}, follow=True)

    assert f'name="take" value="{first.pk}"' in page
    assert "1 traject toegewezen aan" in response.content.decode()
    assert coordinators(first, second) == [team["anna"].pk, None]


@pytest.mark.django_db
def test_several_at_once_to_a_colleague(verified_client, team):
    first, second, third = queued(team, "Aalders"), queued(team, "Brink"), queued(team, "Cox")
    anna = session(verified_client, team, "anna")

    response = anna.post(
        ASSIGN,
        {"trajectory": [first.pk, third.pk], "to": "user", "to_user": team["bram"].pk},
        follow=True,
    )

    assert "2 trajecten toegewezen aan" in response.content.decode()
    assert coordinators(first, second, third) == [team["bram"].pk, None, team["bram"].pk]


@pytest.mark.django_db
def test_one_already_taken_refuses_the_lot_by_name(verified_client, team):
    free, taken = queued(team, "Aalders"), queued(team, "Brink")
    Trajectory.objects.filter(pk=taken.pk).update(coordinator=team["bram"])
    anna = session(verified_client, team, "anna")

    response = anna.post(ASSIGN, {"trajectory": [free.pk, taken.pk], "to": "me"}, follow=True)

    html = response.content.decode()
    # A taken trajectory is no longer in the queue: the form refuses it as a choice.
    assert "geldige keuze" in html
    assert coordinators(free, taken) == [None, team["bram"].pk]


@pytest.mark.django_db
def test_nothing_chosen_or_nobody_chosen_is_a_message(verified_client, team):
    first = queued(team, "Aalders")
    anna = session(verified_client, team, "anna")

    none_chosen = anna.post(ASSIGN, {"to": "me"}, follow=True).content.decode()
    nobody = anna.post(ASSIGN, {"trajectory": [first.pk], "to": "user"}, follow=True)

    assert "Kies ten minste één traject om toe te wijzen." in none_chosen
    assert "Kies aan wie u de trajecten toewijst." in nobody.content.decode()
    assert coordinators(first) == [None]


@pytest.mark.django_db
def test_a_team_chair_distributes_but_cannot_take_or_give_to_a_plain_chair(verified_client, team):
    first = queued(team, "Aalders")
    chair = session(verified_client, team, "chair")

    page = chair.get(reverse("cases:new"))
    to_chair = chair.post(
        ASSIGN, {"trajectory": [first.pk], "to": "user", "to_user": team["chair"].pk}, follow=True
    )
    to_anna = chair.post(
        ASSIGN, {"trajectory": [first.pk], "to": "user", "to_user": team["anna"].pk}, follow=True
    )

    assert page.context["can_take"] is False
    assert list(page.context["assign_to"]) == sorted(
        [team["anna"], team["bram"]], key=lambda u: (u.full_name, u.pk)
    )
    assert "geldige keuze" in to_chair.content.decode()
    assert "1 traject toegewezen aan" in to_anna.content.decode()
    assert coordinators(first) == [team["anna"].pk]


@pytest.mark.django_db
def test_another_organisations_trajectory_cannot_be_taken(verified_client, team):
    foreign = TrajectoryFactory()
    anna = session(verified_client, team, "anna")

    response = anna.post(ASSIGN, {"take": foreign.pk}, follow=True)

    assert "geldige keuze" in response.content.decode()
    assert coordinators(foreign) == [None]


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coordinators_taking_the_same_at_once_get_one_owner(team):
    trajectory = queued(team, "Aalders")
    anna = login_verified(HttpClient(), team["anna"], team["organisation"])
    bram = login_verified(HttpClient(), team["bram"], team["organisation"])

    def take(client):
        response = client.post(ASSIGN, {"take": trajectory.pk}, follow=True)
        return response.status_code, response.content.decode()

    results, _collided = run_at_once(
        [lambda: take(anna), lambda: take(bram)],
        collide_at=statement("FOR UPDATE", "cases_trajectory"),
    )

    for result in results:
        assert not isinstance(result, BaseException), result
    assert [status for status, _html in results] == [200, 200]
    successes = [html for _status, html in results if "1 traject toegewezen aan" in html]
    refusals = [html for _status, html in results if "Al toegewezen" in html]
    assert len(successes) == 1 and len(refusals) == 1
    assert "Aalders" in refusals[0]
    assert coordinators(trajectory)[0] in {team["anna"].pk, team["bram"].pk}
