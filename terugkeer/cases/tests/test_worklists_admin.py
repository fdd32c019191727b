"""The admin of default coordinators per municipality (functioneel beheerder)."""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.models import DefaultCoordinator
from terugkeer.cases.tests.factories import DefaultCoordinatorFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def katwijk():
    return MunicipalityFactory(name="Katwijk", cbs_code="GM0537")


@pytest.fixture
def organisation(katwijk):
    return OrganisationFactory(name="Stichting Kocon", municipalities=[katwijk])


@pytest.fixture
def coordinator(organisation):
    return MembershipFactory(
        organisation=organisation, role=Role.COORDINATOR, user__full_name="Anna Coördinator"
    ).user


@pytest.fixture
def as_admin(verified_client, organisation):
    admin = MembershipFactory(organisation=organisation, role=Role.FUNCTIONAL_ADMIN).user
    return verified_client(admin, organisation)


ADD_URL = reverse("admin:cases_defaultcoordinator_add")


def test_choices_are_limited_to_the_organisation(as_admin, organisation, coordinator):
    MunicipalityFactory(name="Elders")
    MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR, user__full_name="Voorzitter")
    MembershipFactory(role=Role.COORDINATOR, user__full_name="Andere organisatie")

    form = as_admin.get(ADD_URL).context["adminform"].form

    assert list(form.fields) == ["municipality", "coordinator"]
    assert [m.name for m in form.fields["municipality"].queryset] == ["Katwijk"]
    assert [u.full_name for u in form.fields["coordinator"].queryset] == ["Anna Coördinator"]


def test_adding_stores_the_admins_organisation(as_admin, organisation, coordinator, katwijk):
    response = as_admin.post(ADD_URL, {"municipality": katwijk.pk, "coordinator": coordinator.pk})

    assert response.status_code == 302
    saved = DefaultCoordinator.objects.get()
    assert (saved.organisation, saved.municipality, saved.coordinator) == (
        organisation,
        katwijk,
        coordinator,
    )


def test_a_second_default_for_the_same_municipality_is_refused(
    as_admin, organisation, coordinator, katwijk
):
    DefaultCoordinatorFactory(organisation=organisation, municipality=katwijk)

    response = as_admin.post(ADD_URL, {"municipality": katwijk.pk, "coordinator": coordinator.pk})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["municipality"] == [
        "Voor deze gemeente is al een standaardcoördinator ingesteld."
    ]
    assert DefaultCoordinator.objects.count() == 1


def test_a_coordinator_of_another_organisation_cannot_be_chosen(as_admin, katwijk):
    stranger = MembershipFactory(role=Role.COORDINATOR).user
    response = as_admin.post(ADD_URL, {"municipality": katwijk.pk, "coordinator": stranger.pk})
    assert "coordinator" in response.context["adminform"].form.errors
    assert DefaultCoordinator.objects.count() == 0


def test_changelist_shows_only_the_own_organisation(as_admin, organisation, coordinator):
    own = DefaultCoordinatorFactory(organisation=organisation, coordinator=coordinator)
    DefaultCoordinatorFactory()

    response = as_admin.get(reverse("admin:cases_defaultcoordinator_changelist"))

    assert list(response.context["cl"].result_list) == [own]


def test_the_functional_admin_may_remove_a_default(as_admin, organisation, coordinator):
    own = DefaultCoordinatorFactory(organisation=organisation, coordinator=coordinator)
    url = reverse("admin:cases_defaultcoordinator_delete", args=[own.pk])

    response = as_admin.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not DefaultCoordinator.objects.exists()


def test_another_organisations_default_cannot_be_removed(as_admin):
    other = DefaultCoordinatorFactory()
    url = reverse("admin:cases_defaultcoordinator_delete", args=[other.pk])
    assert as_admin.post(url, {"post": "yes"}).status_code == 404
    assert DefaultCoordinator.objects.filter(pk=other.pk).exists()
