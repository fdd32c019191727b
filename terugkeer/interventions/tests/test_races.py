"""Races on PostgreSQL: a Noodfonds gift twice at once, two colleagues approving at once, two
payments at once over the approved amount. Each: one wins, the other gets a Dutch refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.cases.choices import Programme
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions import services, services_followup, services_gifts
from terugkeer.interventions.choices import RequestStatus
from terugkeer.interventions.models import EmergencyGift, InterventionRequest, Payment
from terugkeer.interventions.tests.factories import InterventionRequestFactory, member_scope
from terugkeer.testing_races import run_at_once, statement

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _refusals(results) -> list[str]:
    for result in results:
        if isinstance(result, BaseException) and not isinstance(result, ValidationError):
            raise result
    return [r.messages[0] for r in results if isinstance(r, ValidationError)]


def test_two_gifts_for_one_client_at_the_same_moment():
    organisation = OrganisationFactory(foundation=True)
    first = TrajectoryFactory(client__organisation=organisation)
    second = TrajectoryFactory(client=first.client, programme=Programme.REINTEGRATION)
    scopes = [member_scope(organisation), member_scope(organisation)]

    def ask(scope, trajectory):
        return services_gifts.gift_request(
            scope=scope,
            trajectory=trajectory,
            amount=Decimal("500.00"),
            need="Acute nood",
            no_legal_provision="Te laat",
        )

    results, collided = run_at_once(
        [lambda: ask(scopes[0], first), lambda: ask(scopes[1], second)],
        collide_at=statement('INSERT INTO "interventions_emergencygift"'),
    )
    assert collided
    refusals = _refusals(results)
    assert len(refusals) == 1
    assert "eenmalige gift per cliënt" in refusals[0]
    assert EmergencyGift.objects.count() == 1


def _approved(organisation, amount):
    requester = member_scope(organisation)
    item = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation),
        created_by=requester.user,
        amount=amount,
    )
    return requester, services.request_submit(
        scope=requester, request=item, expected_version=item.version
    )


def test_two_colleagues_approving_at_the_same_moment():
    organisation = OrganisationFactory()
    _requester, item = _approved(organisation, Decimal("100.00"))
    colleagues = [member_scope(organisation), member_scope(organisation, Role.TEAM_CHAIR)]

    def approve(scope):
        return services.request_decide(
            scope=scope, request_pk=item.pk, approve=True, expected_version=item.version
        )

    results, _collided = run_at_once(
        [lambda s=s: approve(s) for s in colleagues],
        collide_at=statement('FROM "interventions_interventionrequest"', "FOR UPDATE"),
    )
    assert len(_refusals(results)) == 1
    item.refresh_from_db()
    assert item.status == RequestStatus.APPROVED
    assert item.status_changes.filter(to_status=RequestStatus.APPROVED).count() == 1


def test_two_payments_at_once_never_exceed_the_approved_amount():
    organisation = OrganisationFactory()
    requester, item = _approved(organisation, Decimal("100.00"))
    item = services.request_decide(
        scope=member_scope(organisation),
        request_pk=item.pk,
        approve=True,
        expected_version=item.version,
    )

    def pay():
        return services_followup.payment_register(
            scope=requester, request=item, amount=Decimal("60.00"), paid_on=timezone.localdate()
        )

    results, _collided = run_at_once(
        [pay, pay], collide_at=statement('FROM "interventions_interventionrequest"', "FOR UPDATE")
    )
    refusals = _refusals(results)
    assert len(refusals) == 1
    assert "boven het goedgekeurde bedrag" in refusals[0]
    assert Payment.objects.count() == 1
    assert InterventionRequest.objects.get(pk=item.pk).status == RequestStatus.RUNNING
