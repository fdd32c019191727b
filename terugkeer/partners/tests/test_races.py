"""Races on PostgreSQL: two coordinators accept the same referral at the same moment, and the
same partner name is added twice at once. One wins; the other gets a Dutch message, no 500, and
nothing is done twice."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.choices import CaseLead
from terugkeer.cases.models import Trajectory
from terugkeer.core.roles import Role
from terugkeer.partners.choices import PartnerKind, ReferralStatus
from terugkeer.partners.models import Partner, ReferralStatusChange
from terugkeer.partners.tests.factories import ReferralFactory
from terugkeer.testing import login_verified, new_form_token
from terugkeer.testing_races import run_at_once, statement

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STALE = "Iemand anders heeft dit gegeven intussen gewijzigd"


def _post_from_both(clients, url, data_per_client, *, collide_at):
    def send(client, data):
        response = client.post(url, data, follow=True)
        return response.status_code, response.content.decode()

    results, _collided = run_at_once(
        [lambda c=c, d=d: send(c, d) for c, d in zip(clients, data_per_client, strict=True)],
        collide_at=collide_at,
    )
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def test_two_acceptances_of_one_referral_at_once_record_one_step():
    referral = ReferralFactory(lead=CaseLead.EXODUS)
    org = referral.organisation
    clients = [
        login_verified(
            HttpClient(), MembershipFactory(organisation=org, role=Role.COORDINATOR).user, org
        )
        for _ in range(2)
    ]
    data = {
        "to_status": ReferralStatus.ACCEPTED,
        "on": timezone.localdate().isoformat(),
        "version": referral.version,
    }
    results = _post_from_both(
        clients,
        reverse("partners:referral_detail", args=[referral.pk]),
        [data, data],
        collide_at=statement("FROM", "partners_referral", "FOR UPDATE"),
    )
    assert sorted(status for status, _ in results) == [200, 200]
    assert sum(STALE in page for _, page in results) == 1
    assert (
        ReferralStatusChange.objects.filter(
            referral=referral, to_status=ReferralStatus.ACCEPTED
        ).count()
        == 1
    )
    assert Trajectory.objects.get(pk=referral.trajectory_id).lead == CaseLead.EXODUS


def test_the_same_partner_added_twice_at_once_exists_once():
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role=Role.FUNCTIONAL_ADMIN).user
    clients = [login_verified(HttpClient(), admin, org) for _ in range(2)]
    data = [
        {"name": "Exodus Leiden", "kind": PartnerKind.EXODUS, "form_token": new_form_token()}
        for _ in range(2)
    ]
    results = _post_from_both(
        clients,
        reverse("partners:partner_create"),
        data,
        collide_at=statement("INSERT INTO", "partners_partner"),
    )
    assert [status for status, _ in results] == [200, 200]
    assert sum("Er is al een ketenpartner met deze naam." in page for _, page in results) == 1
    assert Partner.objects.filter(organisation=org).count() == 1
