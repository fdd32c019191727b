"""Noodfonds rules on both sides of every boundary (seed 000 §6.5)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from terugkeer.accounts.tests.factories import MunicipalityFactory, OrganisationFactory
from terugkeer.cases.choices import Programme
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions import services_gifts
from terugkeer.interventions.choices import GiftStatus, MoneyForm
from terugkeer.interventions.models import EmergencyGift
from terugkeer.interventions.tests.factories import (
    BudgetLineFactory,
    EmergencyGiftFactory,
    member_scope,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(foundation=True)


@pytest.fixture
def coordinator(organisation):
    return member_scope(organisation, Role.COORDINATOR)


@pytest.fixture
def trajectory(organisation):
    return TrajectoryFactory(client__organisation=organisation)


def _request(scope, trajectory, amount, **kwargs):
    return services_gifts.gift_request(
        scope=scope,
        trajectory=trajectory,
        amount=Decimal(amount),
        need=kwargs.pop("need", "Huurachterstand; ontruiming over een week."),
        no_legal_provision=kwargs.pop("no_legal_provision", "Bijzondere bijstand is te laat."),
        **kwargs,
    )


def test_750_00_is_allowed(coordinator, trajectory):
    gift = _request(coordinator, trajectory, "750.00")
    assert gift.amount == Decimal("750.00")
    assert gift.status == GiftStatus.REQUESTED
    assert gift.requested_by == coordinator.user


def test_750_01_is_refused_naming_the_maximum(coordinator, trajectory):
    with pytest.raises(ValidationError) as refused:
        _request(coordinator, trajectory, "750.01")
    message = refused.value.message_dict["amount"][0]
    assert "ten hoogste € 750,00" in message
    assert "€ 750,01" in message
    assert not EmergencyGift.objects.exists()


def test_zero_is_refused_and_one_cent_is_allowed(coordinator, trajectory):
    with pytest.raises(ValidationError):
        _request(coordinator, trajectory, "0.00")
    assert _request(coordinator, trajectory, "0.01").amount == Decimal("0.01")


def test_a_float_is_never_accepted(coordinator, trajectory):
    with pytest.raises(TypeError):
        services_gifts.gift_request(
            scope=coordinator, trajectory=trajectory, amount=750.0, need="n", no_legal_provision="x"
        )


def test_a_second_gift_to_the_same_client_is_refused(coordinator, trajectory):
    _request(coordinator, trajectory, "100.00")
    second_trajectory = TrajectoryFactory(
        client=trajectory.client, programme=Programme.REINTEGRATION
    )
    with pytest.raises(ValidationError) as refused:
        _request(coordinator, second_trajectory, "50.00")
    assert refused.value.code == "once_per_client"
    assert "eenmalige gift per cliënt" in refused.value.messages[0]
    assert EmergencyGift.objects.count() == 1


def test_after_a_rejection_the_client_may_be_helped_once(coordinator, trajectory, organisation):
    first = _request(coordinator, trajectory, "100.00")
    services_gifts.gift_decide(
        scope=member_scope(organisation),
        gift_pk=first.pk,
        approve=False,
        note="Wettelijke voorziening is wel mogelijk.",
        expected_version=first.version,
    )
    assert _request(coordinator, trajectory, "120.00").status == GiftStatus.REQUESTED


def test_the_database_allows_one_open_gift_per_client(trajectory):
    EmergencyGiftFactory(trajectory=trajectory)
    with pytest.raises(IntegrityError), transaction.atomic():
        EmergencyGiftFactory(trajectory=trajectory)


def test_the_database_refuses_more_than_750(trajectory):
    with pytest.raises(IntegrityError), transaction.atomic():
        EmergencyGiftFactory(trajectory=trajectory, amount=Decimal("750.01"))


def test_never_a_loan(coordinator, trajectory):
    with pytest.raises(ValidationError) as refused:
        _request(coordinator, trajectory, "100.00", money_form=MoneyForm.LOAN)
    assert refused.value.code == "no_loan"
    assert "geen leningen" in refused.value.messages[0]


def test_only_residents_of_a_municipality_the_organisation_serves(coordinator, trajectory):
    client = trajectory.client
    client.municipality = MunicipalityFactory()
    client.save()
    with pytest.raises(ValidationError) as refused:
        _request(coordinator, trajectory, "100.00")
    assert refused.value.code == "not_a_resident"
    client.municipality = None
    client.save()
    with pytest.raises(ValidationError):
        _request(coordinator, trajectory, "100.00")
    assert not EmergencyGift.objects.exists()


def test_four_eyes_on_a_gift_and_payment_on_a_cost_line(coordinator, trajectory, organisation):
    gift = _request(coordinator, trajectory, "325.50")
    with pytest.raises(ValidationError) as refused:
        services_gifts.gift_decide(
            scope=coordinator, gift_pk=gift.pk, approve=True, expected_version=gift.version
        )
    assert refused.value.code == "four_eyes"
    with pytest.raises(ValidationError):
        services_gifts.gift_decide(
            scope=member_scope(organisation, Role.MENTOR),
            gift_pk=gift.pk,
            approve=True,
            expected_version=gift.version,
        )
    with pytest.raises(Http404):
        services_gifts.gift_decide(
            scope=member_scope(OrganisationFactory()),
            gift_pk=gift.pk,
            approve=True,
            expected_version=gift.version,
        )
    chair = member_scope(organisation, Role.TEAM_CHAIR)
    approved = services_gifts.gift_decide(
        scope=chair, gift_pk=gift.pk, approve=True, expected_version=gift.version
    )
    assert (approved.status, approved.decided_by) == (GiftStatus.APPROVED, chair.user)
    line = BudgetLineFactory(organisation=organisation, name="Noodfonds")
    paid = services_gifts.gift_pay(
        scope=coordinator,
        gift=approved,
        expected_version=approved.version,
        paid_on=line_date(line),
        cost_line=line,
    )
    assert (paid.status, paid.cost_line) == (GiftStatus.PAID, line)


def line_date(line):
    import datetime

    return datetime.date(line.year, 3, 2)
