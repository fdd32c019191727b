"""The weekly-check signal (seven days without a check) and the evaluation signal; occupancy."""

import datetime

import pytest

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.core.access import scope_for
from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import signals_for
from terugkeer.housing import selectors
from terugkeer.housing.services import add_years
from terugkeer.housing.signal_providers import CHECK_OVERDUE, EVALUATION_DUE
from terugkeer.housing.tests.factories import (
    HouseCheckFactory,
    HousingAllocationFactory,
    HousingUnitFactory,
    StayFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


def _scope(organisation, role=Role.COORDINATOR):
    membership = MembershipFactory(organisation=organisation, role=role)
    return scope_for(membership.user, membership)


def _codes(scope, today, code):
    return [s for s in signals_for(scope=scope, today=today) if s.code == code]


def test_a_resident_checked_six_days_ago_has_no_signal_and_seven_days_ago_has_one():
    unit = HousingUnitFactory()
    six = HouseCheckFactory(stay=StayFactory(unit=unit), checked_on=days_ago(6)).stay
    seven = HouseCheckFactory(stay=StayFactory(unit=unit), checked_on=days_ago(7)).stay
    scope = _scope(unit.organisation)
    today = days_ago(0)

    signals = _codes(scope, today, CHECK_OVERDUE)

    assert [s.trajectory_id for s in signals] == [seven.trajectory_id]
    assert signals[0].due == today
    assert six.trajectory_id not in [s.trajectory_id for s in signals]


def test_a_resident_without_any_check_is_counted_from_the_move_in():
    stay = StayFactory(moved_in_on=days_ago(8))
    overdue = selectors.checks_overdue(scope=_scope(stay.organisation), today=days_ago(0))
    assert [(d.stay.pk, d.since, d.due) for d in overdue] == [(stay.pk, days_ago(8), days_ago(1))]


def test_a_resident_who_left_has_no_check_signal():
    stay = StayFactory(moved_in_on=days_ago(30), ended=True)
    assert selectors.checks_overdue(scope=_scope(stay.organisation), today=days_ago(0)) == []


def test_the_evaluation_signal_appears_sixty_days_ahead():
    today = days_ago(0)
    # Starts exactly two years minus 60 days ago: evaluation in 60 days (signalled).
    soon_start = add_years(today + datetime.timedelta(days=60), -2)
    soon = HousingAllocationFactory(started_on=soon_start)
    later = HousingAllocationFactory(
        unit__organisation=soon.organisation, started_on=soon_start + datetime.timedelta(days=1)
    )
    scope = _scope(soon.organisation)

    signals = _codes(scope, today, EVALUATION_DUE)

    assert [s.trajectory_id for s in signals] == [soon.trajectory_id]
    assert later.evaluation_on == today + datetime.timedelta(days=61)


def test_the_functional_admin_gets_no_resident_from_the_selectors():
    stay = StayFactory(moved_in_on=days_ago(30))
    scope = _scope(stay.organisation, Role.FUNCTIONAL_ADMIN)
    assert list(selectors.residents(scope=scope, unit=stay.unit)) == []
    assert selectors.occupancy_now(unit=stay.unit, today=days_ago(0)) == 1


def test_occupancy_by_month_counts_place_days():
    unit = HousingUnitFactory(capacity=3)
    today = days_ago(0)
    first = today.replace(day=1)
    # One resident all month so far, one who moved in on the 1st and left on the 2nd.
    StayFactory(unit=unit, moved_in_on=first - datetime.timedelta(days=40))
    StayFactory(
        unit=unit,
        moved_in_on=first,
        ended_on=first + datetime.timedelta(days=1),
        leaving_reason="anders",
    )

    month = selectors.occupancy_by_month(unit=unit, today=today, months=1)[0]

    days = today.day
    assert (month.month, month.occupied_days, month.place_days) == (first, days + 1, 3 * days)
