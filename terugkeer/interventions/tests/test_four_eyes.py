"""The four-eyes rule and the lock after approval, at the service level."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions import services
from terugkeer.interventions.choices import RequestStatus
from terugkeer.interventions.models import InterventionRequest, RequestStatusChange
from terugkeer.interventions.tests.factories import (
    InterventionRequestFactory,
    InterventionTypeFactory,
    member_scope,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def requester(organisation):
    return member_scope(organisation, Role.COORDINATOR)


@pytest.fixture
def signed(organisation, requester):
    """A request the requester created and signed."""
    trajectory = TrajectoryFactory(client__organisation=organisation)
    item = InterventionRequestFactory(trajectory=trajectory, created_by=requester.user)
    return services.request_submit(scope=requester, request=item, expected_version=item.version)


def _decide(scope, item, approve=True, note=""):
    return services.request_decide(
        scope=scope,
        request_pk=item.pk,
        approve=approve,
        note=note,
        expected_version=InterventionRequest.objects.get(pk=item.pk).version,
    )


def test_signing_records_the_requester_and_the_step(signed, requester):
    assert signed.status == RequestStatus.REQUESTED
    assert signed.requested_by == requester.user
    assert signed.requested_at is not None
    steps = list(signed.status_changes.values_list("from_status", "to_status"))
    assert steps[-1] == (RequestStatus.CONCEPT, RequestStatus.REQUESTED)


def test_the_requester_cannot_approve_their_own_request(signed, requester):
    with pytest.raises(ValidationError) as refused:
        _decide(requester, signed)
    assert refused.value.code == "four_eyes"
    assert "vier-ogenprincipe" in refused.value.messages[0]
    signed.refresh_from_db()
    assert signed.status == RequestStatus.REQUESTED
    assert signed.decided_by is None


def test_a_colleague_coordinator_approves_and_who_and_when_are_recorded(signed, organisation):
    colleague = member_scope(organisation, Role.COORDINATOR)
    approved = _decide(colleague, signed)
    assert approved.status == RequestStatus.APPROVED
    assert approved.decided_by == colleague.user
    assert approved.decided_at is not None
    assert approved.decision == "goedgekeurd"
    last = RequestStatusChange.objects.filter(request=signed).last()
    assert (last.to_status, last.changed_by) == (RequestStatus.APPROVED, colleague.user)


def test_the_team_chair_of_the_organisation_may_approve(signed, organisation):
    chair = member_scope(organisation, Role.TEAM_CHAIR)
    assert _decide(chair, signed).decided_by == chair.user


@pytest.mark.parametrize("role", [Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN])
def test_roles_without_the_right_to_approve_are_refused_with_the_rule(signed, organisation, role):
    with pytest.raises(ValidationError) as refused:
        _decide(member_scope(organisation, role), signed)
    assert refused.value.code == "approver_role"
    assert "casemanager of teamvoorzitter" in refused.value.messages[0]
    signed.refresh_from_db()
    assert signed.status == RequestStatus.REQUESTED


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.TEAM_CHAIR])
def test_a_colleague_of_another_organisation_gets_404(signed, role):
    with pytest.raises(Http404):
        _decide(member_scope(OrganisationFactory(), role), signed)
    signed.refresh_from_db()
    assert signed.decided_by is None


def test_a_rejection_needs_a_reason_and_is_recorded(signed, organisation):
    colleague = member_scope(organisation, Role.COORDINATOR)
    with pytest.raises(ValidationError) as refused:
        _decide(colleague, signed, approve=False)
    assert "reden" in refused.value.message_dict["note"][0]
    rejected = _decide(colleague, signed, approve=False, note="Past binnen de bijzondere bijstand.")
    assert rejected.status == RequestStatus.REJECTED
    assert rejected.decision_note == "Past binnen de bijzondere bijstand."
    assert rejected.decision == "afgewezen"


def test_a_concept_cannot_be_approved(organisation, requester):
    item = InterventionRequestFactory(
        trajectory=TrajectoryFactory(client__organisation=organisation), created_by=requester.user
    )
    with pytest.raises(ValidationError) as refused:
        _decide(member_scope(organisation), item)
    assert refused.value.code == "status"


def test_the_database_refuses_the_requester_as_approver_too(signed, requester):
    with pytest.raises(IntegrityError), transaction.atomic():
        InterventionRequest.objects.filter(pk=signed.pk).update(decided_by=requester.user)


def test_after_signing_the_form_is_locked_and_a_new_version_carries_the_change(
    signed, organisation, requester
):
    with pytest.raises(ValidationError) as refused:
        services.request_update(
            scope=requester,
            request=signed,
            expected_version=signed.version,
            changes={"amount": signed.amount + 1},
        )
    assert refused.value.code == "locked"
    approved = _decide(member_scope(organisation), signed)
    new = services.request_new_version(scope=requester, request=approved)
    assert (new.status, new.form_version, new.previous_id) == (RequestStatus.CONCEPT, 2, signed.pk)
    assert new.measure == signed.measure
    updated = services.request_update(
        scope=requester, request=new, expected_version=new.version, changes={"amount": 1800}
    )
    assert updated.amount == 1800
    with pytest.raises(ValidationError) as twice:
        services.request_new_version(scope=requester, request=approved)
    assert twice.value.code == "exists"
    signed_again = services.request_submit(
        scope=requester, request=updated, expected_version=updated.version
    )
    _decide(member_scope(organisation, Role.TEAM_CHAIR), signed_again)
    signed.refresh_from_db()
    assert signed.status == RequestStatus.SUPERSEDED


def test_an_inactive_type_cannot_be_requested(organisation, requester):
    trajectory = TrajectoryFactory(client__organisation=organisation)
    inactive = InterventionTypeFactory(organisation=organisation, active=False)
    data = {
        "intervention_type": inactive,
        "client_name": "X",
        "situation": "s",
        "measure": "m",
        "reason": "r",
        "amount": 10,
    }
    with pytest.raises(ValidationError) as refused:
        services.request_create(scope=requester, trajectory=trajectory, data=data)
    assert "catalogus" in refused.value.message_dict["intervention_type"][0]
    assert not InterventionRequest.objects.exists()


def test_withdrawing_needs_a_reason_and_lands_in_the_history(signed, requester):
    with pytest.raises(ValidationError):
        services.request_transition(
            scope=requester,
            request=signed,
            to_status=RequestStatus.WITHDRAWN,
            expected_version=signed.version,
        )
    withdrawn = services.request_transition(
        scope=requester,
        request=signed,
        to_status=RequestStatus.WITHDRAWN,
        expected_version=signed.version,
        reason="Fraudevordering: schuldhulpverlening kan niet door.",
    )
    assert withdrawn.status == RequestStatus.WITHDRAWN
    assert withdrawn.status_changes.last().reason.startswith("Fraudevordering")
    with pytest.raises(ValidationError) as refused:
        services.request_transition(
            scope=requester,
            request=withdrawn,
            to_status=RequestStatus.RUNNING,
            expected_version=withdrawn.version,
        )
    assert refused.value.code == "transition"
