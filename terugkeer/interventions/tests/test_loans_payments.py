"""Payments on an approved request and the loan that is forgiven (or reclaimed)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions import services, services_followup
from terugkeer.interventions.choices import LineKind, LoanDecision, MoneyForm, RequestStatus
from terugkeer.interventions.tests.factories import (
    BudgetLineFactory,
    InterventionRequestFactory,
    member_scope,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def coordinator(organisation):
    return member_scope(organisation, Role.COORDINATOR)


def _approved(organisation, coordinator, **fields):
    item = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation),
        created_by=coordinator.user,
        **fields,
    )
    item = services.request_submit(scope=coordinator, request=item, expected_version=item.version)
    return services.request_decide(
        scope=member_scope(organisation, Role.TEAM_CHAIR),
        request_pk=item.pk,
        approve=True,
        expected_version=item.version,
    )


def test_payments_only_on_approval_up_to_the_approved_amount(organisation, coordinator):
    today = timezone.localdate()
    concept = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation)
    )
    with pytest.raises(ValidationError) as refused:
        services_followup.payment_register(
            scope=coordinator, request=concept, amount=Decimal("25.00"), paid_on=today
        )
    assert refused.value.code == "not_approved"
    item = _approved(organisation, coordinator, amount=Decimal("72.99"))
    line = BudgetLineFactory(organisation=organisation, year=today.year)
    first = services_followup.payment_register(
        scope=coordinator, request=item, amount=Decimal("25.00"), paid_on=today, cost_line=line
    )
    assert first.cost_line == line
    item.refresh_from_db()
    assert item.status == RequestStatus.RUNNING  # the first payment starts it
    services_followup.payment_register(
        scope=coordinator, request=item, amount=Decimal("47.99"), paid_on=today
    )
    with pytest.raises(ValidationError) as over:
        services_followup.payment_register(
            scope=coordinator, request=item, amount=Decimal("0.01"), paid_on=today
        )
    assert "boven het goedgekeurde bedrag" in over.value.message_dict["amount"][0]
    assert item.payments.count() == 2


def test_a_payment_is_booked_on_an_expense_line_of_its_year(organisation, coordinator):
    today = timezone.localdate()
    item = _approved(organisation, coordinator)
    last_year = BudgetLineFactory(organisation=organisation, year=today.year - 1)
    income = BudgetLineFactory(organisation=organisation, year=today.year, kind=LineKind.INCOME)
    for line, text in ((last_year, "begroting van"), (income, "uitgaven")):
        with pytest.raises(ValidationError) as refused:
            services_followup.payment_register(
                scope=coordinator,
                request=item,
                amount=Decimal("1.00"),
                paid_on=today,
                cost_line=line,
            )
        assert text in refused.value.message_dict["cost_line"][0]
    assert not item.payments.exists()


@pytest.fixture
def car_loan(organisation, coordinator):
    """The seed's car: € 2.500 as a loan, forgiven after a year if the conditions hold."""
    until = timezone.localdate() + datetime.timedelta(days=365)
    item = _approved(
        organisation,
        coordinator,
        money_form=MoneyForm.LOAN,
        amount=Decimal("2500.00"),
        loan_until=until,
    )
    for text in ("Houdt zich aan de afspraken met reclassering en nazorg", "Geen verkeersboetes"):
        services_followup.condition_add(
            scope=coordinator, request=item, description=text, check_on=until
        )
    services_followup.payment_register(
        scope=coordinator, request=item, amount=Decimal("2500.00"), paid_on=timezone.localdate()
    )
    item.refresh_from_db()
    return item


def _decide(scope, item, decision, on, note=""):
    item.refresh_from_db()
    return services_followup.loan_decide(
        scope=scope,
        request_pk=item.pk,
        decision=decision,
        on=on,
        note=note,
        expected_version=item.version,
    )


def test_a_loan_needs_its_end_date(organisation, coordinator):
    item = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation),
        created_by=coordinator.user,
    )
    with pytest.raises(ValidationError) as refused:
        services.request_update(
            scope=coordinator,
            request=item,
            expected_version=item.version,
            changes={"money_form": MoneyForm.LOAN},
        )
    assert "loan_until" in refused.value.message_dict


def test_the_loan_forgiveness_path(car_loan, organisation, coordinator):
    until = car_loan.loan_until
    chair = member_scope(organisation, Role.TEAM_CHAIR)
    # A loan is never just "afgerond": it ends with a decision.
    with pytest.raises(ValidationError) as refused:
        services.request_transition(
            scope=coordinator,
            request=car_loan,
            to_status=RequestStatus.COMPLETED,
            expected_version=car_loan.version,
        )
    assert refused.value.code == "loan_needs_decision"
    # Before the year is over: not yet.
    with pytest.raises(ValidationError) as early:
        _decide(chair, car_loan, LoanDecision.FORGIVEN, on=until - datetime.timedelta(days=1))
    assert early.value.code == "period_running"
    # A condition not yet checked blocks forgiving.
    conditions = list(car_loan.conditions.all())
    services_followup.condition_check(
        scope=coordinator, condition=conditions[0], expected_version=1, met=True, on=until
    )
    with pytest.raises(ValidationError) as unchecked:
        _decide(chair, car_loan, LoanDecision.FORGIVEN, on=until)
    assert unchecked.value.code == "conditions_not_met"
    services_followup.condition_check(
        scope=coordinator, condition=conditions[1], expected_version=1, met=True, on=until
    )
    forgiven = _decide(chair, car_loan, LoanDecision.FORGIVEN, on=until)
    assert forgiven.status == RequestStatus.COMPLETED
    assert (forgiven.loan_decision, forgiven.loan_decided_by, forgiven.loan_decided_on) == (
        LoanDecision.FORGIVEN,
        chair.user,
        until,
    )


def test_a_broken_condition_means_no_forgiveness_and_reclaiming_needs_a_reason(
    car_loan, organisation, coordinator
):
    until = car_loan.loan_until
    first, second = car_loan.conditions.all()
    services_followup.condition_check(
        scope=coordinator, condition=first, expected_version=1, met=True, on=until
    )
    services_followup.condition_check(
        scope=coordinator,
        condition=second,
        expected_version=1,
        met=False,
        on=until,
        note="Boete voor te hard rijden.",
    )
    colleague = member_scope(organisation, Role.COORDINATOR)
    with pytest.raises(ValidationError) as refused:
        _decide(colleague, car_loan, LoanDecision.FORGIVEN, on=until)
    assert "1 voorwaarde" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        _decide(colleague, car_loan, LoanDecision.RECLAIMED, on=until)
    reclaimed = _decide(
        colleague, car_loan, LoanDecision.RECLAIMED, on=until, note="Terugbetaling in termijnen."
    )
    assert (reclaimed.loan_decision, reclaimed.loan_decided_by) == (
        LoanDecision.RECLAIMED,
        colleague.user,
    )


def test_the_requester_cannot_forgive_or_reclaim_their_own_loan(car_loan, coordinator):
    """Review finding: forgiving € 2.500 is a four-eyes decision, like the approval was."""
    until = car_loan.loan_until
    for condition in car_loan.conditions.all():
        services_followup.condition_check(
            scope=coordinator, condition=condition, expected_version=1, met=True, on=until
        )

    for decision in (LoanDecision.FORGIVEN, LoanDecision.RECLAIMED):
        with pytest.raises(ValidationError) as refused:
            _decide(coordinator, car_loan, decision, on=until, note="Zelf besloten.")
        assert refused.value.code == "four_eyes"
    car_loan.refresh_from_db()
    assert (car_loan.status, car_loan.loan_decision) == (RequestStatus.RUNNING, "")


def test_a_paid_loan_is_not_ended_by_a_withdrawal(car_loan, coordinator):
    with pytest.raises(ValidationError) as refused:
        services.request_transition(
            scope=coordinator,
            request=car_loan,
            to_status=RequestStatus.WITHDRAWN,
            expected_version=car_loan.version,
            reason="Toch niet nodig.",
        )

    assert refused.value.code == "loan_needs_decision"
    car_loan.refresh_from_db()
    assert car_loan.status == RequestStatus.RUNNING


def test_a_mentor_cannot_decide_on_a_loan(car_loan, organisation):
    with pytest.raises(ValidationError) as refused:
        _decide(
            member_scope(organisation, Role.MENTOR),
            car_loan,
            LoanDecision.RECLAIMED,
            on=car_loan.loan_until,
            note="x",
        )
    assert refused.value.code == "approver_role"


def test_a_loans_conditions_are_checked_after_the_aftercare_closed(car_loan, organisation):
    """The car loan runs a year, the aftercare three months: a closed trajectory takes no change,
    but its loan's conditions are still checked (interventions' own follow-up action)."""
    from django.http import Http404

    from terugkeer.cases.lifecycle_services import trajectory_close

    trajectory_close(trajectory=car_loan.trajectory, reason="doelen_bereikt", user=None, note="ok")
    condition = car_loan.conditions.first()
    chair = member_scope(organisation, Role.TEAM_CHAIR)
    colleague = member_scope(organisation, Role.COORDINATOR)

    with pytest.raises(Http404):
        services_followup.condition_check(
            scope=chair, condition=condition, expected_version=1, met=True
        )
    checked = services_followup.condition_check(
        scope=colleague, condition=condition, expected_version=1, met=True
    )

    assert (checked.met, checked.checked_by) == (True, colleague.user)
