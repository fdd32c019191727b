"""Signals: a condition check due within a week, a budget line past 90 % (team chair)."""

import datetime
from decimal import Decimal as D

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import signals_for
from terugkeer.interventions.tests.factories import (
    BudgetLineFactory,
    ConditionFactory,
    InterventionRequestFactory,
    PaymentFactory,
    member_scope,
)

pytestmark = pytest.mark.django_db


def _codes(scope, code):
    return [s for s in signals_for(scope=scope, today=timezone.localdate()) if s.code == code]


def test_a_condition_check_is_signalled_from_a_week_before(db):
    organisation = OrganisationFactory()
    today = timezone.localdate()
    request = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation), approved=True
    )
    due = ConditionFactory(request=request, check_on=today + datetime.timedelta(days=7))
    ConditionFactory(request=request, check_on=today + datetime.timedelta(days=8))
    ConditionFactory(
        request=request, check_on=today - datetime.timedelta(days=3), checked_on=today, met=True
    )
    signals = _codes(member_scope(organisation), "intervention_condition_due")
    assert [(s.due, s.trajectory_id) for s in signals] == [(due.check_on, request.trajectory_id)]
    assert _codes(member_scope(OrganisationFactory()), "intervention_condition_due") == []


def test_budget_signal_to_the_team_chair_only_past_90_percent(db):
    organisation = OrganisationFactory()
    today = timezone.localdate()
    line = BudgetLineFactory(
        organisation=organisation, budget_amount=D("1000.00"), name="Noodfonds"
    )
    request = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation), approved=True
    )
    PaymentFactory(request=request, amount=D("900.00"), cost_line=line, paid_on=today)
    chair = member_scope(organisation, Role.TEAM_CHAIR)
    assert _codes(chair, "budget_line_90") == []  # exactly 90 %: not yet
    PaymentFactory(request=request, amount=D("0.01"), cost_line=line, paid_on=today)
    signals = _codes(chair, "budget_line_90")
    assert [s.subject for s in signals] == ["Noodfonds"]
    assert "90%" in signals[0].title
    assert _codes(member_scope(organisation, Role.COORDINATOR), "budget_line_90") == []
