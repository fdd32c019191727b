"""Beheer: the functional admin sets the follow-up period and adds an optional ZRM domain."""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.assessments.models import AssessmentSettings, Item
from terugkeer.assessments.selectors import domains_for, zrm_followup_months
from terugkeer.assessments.tests.factories import zrm
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return MembershipFactory(role=Role.FUNCTIONAL_ADMIN)


def test_functional_admin_sets_the_follow_up_period(verified_client, admin_user):
    organisation = admin_user.organisation
    client = verified_client(admin_user.user, organisation)
    assert zrm_followup_months(organisation) == 6
    response = client.post(
        reverse("admin:assessments_assessmentsettings_add"), {"zrm_followup_months": "9"}
    )
    assert response.status_code == 302
    settings = AssessmentSettings.objects.get()
    assert (settings.organisation, settings.zrm_followup_months) == (organisation, 9)
    assert zrm_followup_months(organisation) == 9
    assert client.get(reverse("admin:assessments_assessmentsettings_add")).status_code == 403


def test_functional_admin_adds_an_optional_domain_for_the_own_organisation(
    verified_client, admin_user
):
    organisation = admin_user.organisation
    client = verified_client(admin_user.user, organisation)
    levels = {f"level_{n}": f"Niveau {n} in eigen woorden" for n in range(1, 6)}
    data = {"text": "Zingeving", "code": "zingeving", "position": "14"} | levels
    response = client.post(reverse("admin:assessments_optionaldomain_add"), data)
    assert response.status_code == 302
    item = Item.objects.get(code="zingeving")
    assert (item.organisation, item.instrument, item.optional) == (organisation, zrm(), True)
    assert item.levels["3"] == "Niveau 3 in eigen woorden"
    assert len(domains_for(instrument=zrm(), organisation=organisation)) == 14
    assert len(domains_for(instrument=zrm(), organisation=OrganisationFactory())) == 13
    duplicate = client.post(reverse("admin:assessments_optionaldomain_add"), data)
    assert "Deze code is al in gebruik." in duplicate.content.decode()
