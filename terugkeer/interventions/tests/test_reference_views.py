"""Catalogue and budget pages: the functioneel beheerder and the team chair manage them."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.interventions.models import BudgetLine, InterventionType
from terugkeer.interventions.tests.factories import (
    BudgetLineFactory,
    InterventionRequestFactory,
    PaymentFactory,
)
from terugkeer.testing import login_verified, new_form_token

pytestmark = pytest.mark.django_db


def _client(role):
    membership = MembershipFactory(role=role)
    return login_verified(Client(), membership.user, membership.organisation), membership


def test_the_functional_admin_adds_and_deactivates_a_type():
    client, membership = _client(Role.FUNCTIONAL_ADMIN)
    url = reverse("interventions:catalogue")
    data = {
        "form_token": new_form_token(),
        "name": "Jobcoach",
        "domain_code": "werk_inkomen",
        "active": "on",
    }
    assert client.post(url, data).status_code == 302
    kind = InterventionType.objects.get()
    assert (kind.organisation, kind.active) == (membership.organisation, True)
    duplicate = client.post(url, data | {"form_token": new_form_token()})
    assert "Er is al een soort interventie met deze naam." in duplicate.content.decode()
    edit = reverse("interventions:type_edit", kwargs={"type_pk": kind.pk})
    response = client.post(
        edit, {"version": kind.version, "name": "Jobcoach", "domain_code": "werk_inkomen"}
    )
    assert response.status_code == 302
    kind.refresh_from_db()
    assert kind.active is False
    stale = client.post(edit, {"version": 1, "name": "Jobcoach", "domain_code": "anders"})
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in stale.content.decode()


def test_the_team_chair_keeps_the_budget_and_sees_its_realisation():
    client, membership = _client(Role.TEAM_CHAIR)
    year = timezone.localdate().year
    url = reverse("interventions:budget")
    bad = client.post(
        url,
        {
            "form_token": new_form_token(),
            "year": year,
            "name": "Alternatieve maatregelen",
            "kind": "uitgaven",
            "budget_amount": "veel",
            "manual_realisation": "0",
            "order": 0,
        },
    )
    assert bad.status_code == 200
    assert not BudgetLine.objects.exists()
    ok = client.post(
        url,
        {
            "form_token": new_form_token(),
            "year": year,
            "name": "Alternatieve maatregelen",
            "kind": "uitgaven",
            "budget_amount": "6.667,00".replace(".", ""),
            "manual_realisation": "100,00",
            "order": 0,
        },
    )
    assert ok.status_code == 302
    line = BudgetLine.objects.get()
    assert line.budget_amount == Decimal("6667.00")
    PaymentFactory(
        request=InterventionRequestFactory(
            trajectory=TrajectoryFactory(client__organisation=membership.organisation),
            approved=True,
        ),
        amount=Decimal("25.00"),
        cost_line=line,
        paid_on=timezone.localdate(),
    )
    page = client.get(url, {"jaar": year}).content.decode()
    # 25,00 booked + 100,00 by hand = 125,00; 6.667,00 − 125,00 = 6.542,00 left.
    assert "125,00" in page
    assert "6542,00" in page


def test_a_coordinator_does_not_manage_the_budget():
    client, membership = _client(Role.COORDINATOR)
    line = BudgetLineFactory(organisation=membership.organisation)
    response = client.post(
        reverse("interventions:line_edit", kwargs={"line_pk": line.pk}),
        {
            "version": line.version,
            "year": line.year,
            "name": "X",
            "kind": "uitgaven",
            "budget_amount": "1",
            "manual_realisation": "0",
            "order": 0,
        },
    )
    assert response.status_code == 403
    line.refresh_from_db()
    assert line.name != "X"
