"""Two coordinators move two participants into the last place of the Instapwoning at the same
moment (PostgreSQL, real concurrent transactions): exactly one gets the place, the other the
Dutch message that the house is full; nobody answers 500 and the house never has four."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.html import escape

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.core.roles import Role
from terugkeer.housing.models import Stay
from terugkeer.housing.tests.factories import (
    HousingUnitFactory,
    StayFactory,
    days_ago,
    trajectory_of,
)
from terugkeer.testing import login_verified
from terugkeer.testing_races import run_at_once, statement

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FULL = "De woning is vol: alle 3 plaatsen zijn bezet. Er is niemand ingeschreven."


def test_two_move_ins_into_the_last_place_at_once_let_exactly_one_in():
    unit = HousingUnitFactory(capacity=3)
    StayFactory(unit=unit)
    StayFactory(unit=unit)
    organisation = unit.organisation
    requests = []
    for _ in range(2):
        user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
        session = login_verified(HttpClient(), user, organisation)
        trajectory = trajectory_of(organisation)
        url = reverse("housing:move_in", args=[trajectory.pk])
        token = session.get(url).context["form"].initial["form_token"]
        data = {
            "unit": unit.pk,
            "moved_in_on": days_ago(0).isoformat(),
            "house_rules_signed": "on",
            "form_token": token,
        }
        requests.append((session, url, data))

    def send(session, url, data):
        response = session.post(url, data)
        return response.status_code, response.content.decode()

    results, collided = run_at_once(
        [lambda r=r: send(*r) for r in requests],
        collide_at=statement('FROM "housing_housingunit"', "FOR UPDATE"),
    )

    for result in results:
        if isinstance(result, BaseException):
            raise result
    assert collided  # both reached the lock before either held it
    statuses = sorted(status for status, _ in results)
    assert statuses == [200, 302]
    refused = next(text for status, text in results if status == 200)
    assert escape(FULL) in refused
    assert Stay.objects.filter(unit=unit, ended_on__isnull=True).count() == 3
