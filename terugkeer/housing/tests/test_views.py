"""The housing pages over HTTP: moving in (and the full house refused), the weekly check,
an allocation's evaluation, a house kept by the functioneel beheerder who sees no resident."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.timeline import client_journey
from terugkeer.core.access import scope_for
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.housing.models import HouseCheck, HousingUnit, Stay
from terugkeer.housing.tests.factories import (
    HousingAllocationFactory,
    HousingUnitFactory,
    StayFactory,
    days_ago,
    trajectory_of,
)

pytestmark = pytest.mark.django_db


def _member(organisation, role=Role.COORDINATOR):
    return MembershipFactory(organisation=organisation, role=role).user


def _token(response):
    return response.context["form"].initial["form_token"]


def test_a_coordinator_moves_a_participant_in_and_the_fourth_is_refused(verified_client):
    unit = HousingUnitFactory(capacity=3)
    for _ in range(2):
        StayFactory(unit=unit)
    trajectory = trajectory_of(unit.organisation)
    client = verified_client(_member(unit.organisation), unit.organisation)
    url = reverse("housing:move_in", args=[trajectory.pk])
    data = {"unit": unit.pk, "moved_in_on": days_ago(0).isoformat(), "house_rules_signed": "on"}

    response = client.post(url, data | {"form_token": _token(client.get(url))})

    assert response.status_code == 302
    stay = Stay.objects.get(trajectory=trajectory)
    assert (stay.unit, stay.moved_in_on, stay.house_rules_signed_on) == (
        unit,
        days_ago(0),
        days_ago(0),
    )
    fourth = trajectory_of(unit.organisation)
    url = reverse("housing:move_in", args=[fourth.pk])
    response = client.post(url, data | {"form_token": _token(client.get(url))})
    assert response.status_code == 200
    assert escape("De woning is vol: alle 3 plaatsen zijn bezet.") in response.content.decode()
    assert not Stay.objects.filter(trajectory=fourth).exists()


def test_a_move_in_without_signed_house_rules_names_the_field(verified_client):
    unit = HousingUnitFactory()
    trajectory = trajectory_of(unit.organisation)
    client = verified_client(_member(unit.organisation), unit.organisation)
    url = reverse("housing:move_in", args=[trajectory.pk])

    response = client.post(
        url,
        {
            "unit": unit.pk,
            "moved_in_on": days_ago(0).isoformat(),
            "form_token": _token(client.get(url)),
        },
    )

    assert response.status_code == 200
    assert "huisregels tekenen" in response.content.decode()
    assert not Stay.objects.exists()


def test_a_weekly_check_is_recorded_once_even_when_submitted_twice(verified_client):
    stay = StayFactory()
    client = verified_client(_member(stay.organisation), stay.organisation)
    url = reverse("housing:check_create", args=[stay.pk])
    data = {
        "checked_on": days_ago(1).isoformat(),
        "urine_test": "negatief",
        "alcohol_test": "positief",
        "support_note": "Gesprek over de schuldhulp.",
        "incidents": "",
        "form_token": _token(client.get(url)),
    }

    first = client.post(url, data)
    second = client.post(url, data)

    assert (first.status_code, second.status_code) == (302, 302)
    check = HouseCheck.objects.get()
    assert (check.stay, check.checked_on, check.alcohol_test) == (stay, days_ago(1), "positief")
    tab = client.get(reverse("housing:trajectory", args=[stay.trajectory_id])).content.decode()
    assert "Gesprek over de schuldhulp." in tab


def test_the_team_chair_reads_the_tab_but_may_not_record_a_check(verified_client):
    stay = StayFactory()
    client = verified_client(_member(stay.organisation, Role.TEAM_CHAIR), stay.organisation)
    assert client.get(reverse("housing:trajectory", args=[stay.trajectory_id])).status_code == 200
    response = client.post(
        reverse("housing:check_create", args=[stay.pk]),
        {
            "checked_on": days_ago(1).isoformat(),
            "urine_test": "negatief",
            "alcohol_test": "negatief",
        },
    )
    assert response.status_code == 403
    assert not HouseCheck.objects.exists()


def test_an_extended_allocation_gets_its_new_evaluation_date(verified_client):
    allocation = HousingAllocationFactory()
    client = verified_client(_member(allocation.organisation), allocation.organisation)
    later = days_ago(-200)

    response = client.post(
        reverse("housing:allocation_outcome", args=[allocation.pk]),
        {
            "outcome": "verlengd",
            "decided_on": days_ago(0).isoformat(),
            "next_evaluation_on": later.isoformat(),
            "version": allocation.version,
        },
    )

    assert response.status_code == 302
    allocation.refresh_from_db()
    assert (allocation.outcome, allocation.evaluation_on) == ("verlengd", later)


def test_the_functional_admin_keeps_the_house_and_sees_counts_but_no_resident(verified_client):
    stay = StayFactory()
    unit = stay.unit
    admin = verified_client(_member(unit.organisation, Role.FUNCTIONAL_ADMIN), unit.organisation)

    page = admin.get(reverse("housing:unit_detail", args=[unit.pk])).content.decode()
    assert 'data-testid="occupied">1<' in page
    assert stay.trajectory.client.surname not in page
    response = admin.post(
        reverse("housing:unit_edit", args=[unit.pk]),
        {
            "name": unit.name,
            "kind": "instapwoning",
            "address": unit.address,
            "capacity": 4,
            "house_rules": "Alleen mannen.",
            "is_active": "on",
            "version": unit.version,
        },
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.capacity, unit.house_rules, unit.version) == (4, "Alleen mannen.", 2)


def test_the_coordinator_sees_the_residents_and_the_page_is_logged(verified_client):
    stay = StayFactory()
    user = _member(stay.organisation)
    client = verified_client(user, stay.organisation)

    page = client.get(reverse("housing:unit_detail", args=[stay.unit.pk])).content.decode()

    assert escape(stay.trajectory.client.display_name) in page
    assert AccessLogEntry.objects.filter(
        user=user, subject_id=str(stay.trajectory.client_id)
    ).exists()


def test_a_house_created_twice_from_one_form_exists_once(verified_client):
    organisation = HousingUnitFactory().organisation
    admin = verified_client(_member(organisation, Role.FUNCTIONAL_ADMIN), organisation)
    url = reverse("housing:unit_create")
    data = {
        "name": "Koconwoning Rijnsburgerweg",
        "kind": "koconwoning",
        "capacity": 1,
        "house_rules": "",
        "is_active": "on",
        "version": 0,
        "form_token": _token(admin.get(url)),
    }
    assert admin.post(url, data).status_code == 302
    assert admin.post(url, data).status_code == 302
    assert HousingUnit.objects.filter(name="Koconwoning Rijnsburgerweg").count() == 1


def test_the_stay_is_a_period_on_the_klantreis():
    stay = StayFactory(moved_in_on=days_ago(20), ended_on=days_ago(2), leaving_reason="opname_zorg")
    membership = MembershipFactory(organisation=stay.organisation, role=Role.COORDINATOR)
    events = client_journey(
        scope=scope_for(membership.user, membership), trajectory=stay.trajectory
    )
    housing = [e for e in events if e.kind == "housing_stay"]
    assert [(e.date, e.end, e.details) for e in housing] == [
        (days_ago(20), days_ago(2), "Opgenomen in een zorginstelling")
    ]


def test_the_client_page_shows_the_stay_and_the_allocation(verified_client):
    stay = StayFactory(moved_in_on=days_ago(30), ended_on=days_ago(5), leaving_reason="koconwoning")
    HousingAllocationFactory(
        unit__organisation=stay.organisation,
        trajectory=stay.trajectory,
        started_on=days_ago(5),
        corporation="Portaal",
    )
    client = verified_client(_member(stay.organisation), stay.organisation)

    page = client.get(reverse("clients:detail", args=[stay.trajectory.client_id])).content.decode()

    assert 'data-testid="client-housing"' in page
    assert stay.unit.name in page and "Portaal" in page


def test_a_stay_can_still_be_ended_after_the_trajectory_closed(verified_client):
    """Review finding: a closed trajectory takes no change, but its resident's place must be
    freed; ending the stay is housing's own action (a coordinator's, not a plain chair's)."""
    from terugkeer.cases.lifecycle_services import trajectory_close

    stay = StayFactory()
    trajectory_close(trajectory=stay.trajectory, reason="verhuisd", user=None)
    url = reverse("housing:stay_end", args=[stay.pk])
    data = {
        "ended_on": days_ago(0).isoformat(),
        "leaving_reason": "woning_gevonden",
        "version": stay.version,
    }
    chair = verified_client(_member(stay.organisation, Role.TEAM_CHAIR), stay.organisation)
    refused = chair.post(url, data)
    coordinator = verified_client(_member(stay.organisation), stay.organisation)
    check = coordinator.post(
        reverse("housing:check_create", args=[stay.pk]),
        {"checked_on": days_ago(1).isoformat(), "urine_test": "negatief"},
    )
    ended = coordinator.post(url, data)

    assert refused.status_code == 403
    assert check.status_code == 403  # other changes stay refused on the closed trajectory
    assert ended.status_code == 302
    stay.refresh_from_db()
    assert (stay.ended_on, stay.leaving_reason) == (days_ago(0), "woning_gevonden")
