"""Security: a tenant's functional admin never reaches another tenant's accounts (issue 11).

Each test replays what an attacker with the functional-admin role of organisation B tried against
organisation A, over HTTP with the test client, and proves that nothing changed.
"""

import pytest
from django.forms import ModelChoiceField
from django.test import RequestFactory
from django.urls import reverse

from terugkeer.accounts.models import Membership, Organisation, User
from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.models import DefaultCoordinator
from terugkeer.core.access import Scope
from terugkeer.core.admin_site import admin_site
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import PenitentiaryInstitutionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tenants():
    municipality = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    a = OrganisationFactory(name="Organisatie A", municipalities=[municipality])
    b = OrganisationFactory(name="Organisatie B", municipalities=[municipality])
    victim = MembershipFactory(
        organisation=a,
        role=Role.COORDINATOR,
        user__full_name="Anna van A",
        user__email="anna@a.example",
    ).user
    attacker = MembershipFactory(organisation=b, role=Role.FUNCTIONAL_ADMIN).user
    return {"a": a, "b": b, "victim": victim, "attacker": attacker, "municipality": municipality}


@pytest.fixture
def as_attacker(verified_client, tenants):
    return verified_client(tenants["attacker"], tenants["b"])


def _memberships():
    return sorted(Membership.objects.values_list("user_id", "organisation_id", "role", "is_active"))


def test_adding_another_tenants_user_by_id_is_refused(as_attacker, tenants):
    before = _memberships()

    response = as_attacker.post(
        reverse("admin:accounts_membership_add"),
        {"user": tenants["victim"].pk, "organisation": tenants["b"].pk, "role": Role.COORDINATOR},
    )

    assert response.status_code == 403
    assert _memberships() == before
    assert "anna@a.example" not in response.content.decode()


def test_another_tenants_user_is_not_found_and_not_changed(as_attacker, tenants):
    victim = tenants["victim"]
    url = reverse("admin:accounts_user_change", args=[victim.pk])

    assert as_attacker.get(url).status_code == 404
    response = as_attacker.post(
        url, {"email": "attacker@b.example", "full_name": "Overgenomen", "is_active": ""}
    )

    assert response.status_code == 404
    victim.refresh_from_db()
    assert (victim.email, victim.full_name, victim.is_active) == (
        "anna@a.example",
        "Anna van A",
        True,
    )


def test_account_fields_of_a_user_shared_with_another_tenant_are_read_only(as_attacker, tenants):
    # Anna works for both organisations; B's admin manages only B's membership of hers.
    victim = tenants["victim"]
    shared = MembershipFactory(user=victim, organisation=tenants["b"], role=Role.COORDINATOR)
    url = reverse("admin:accounts_user_change", args=[victim.pk])
    prefix = "memberships"

    response = as_attacker.post(
        url,
        {
            "email": "attacker@b.example",
            "full_name": "Overgenomen",
            "phone": "",
            # is_active left out: an unchecked box would deactivate the account
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-id": shared.pk,
            f"{prefix}-0-user": victim.pk,
            f"{prefix}-0-organisation": tenants["b"].pk,
            f"{prefix}-0-role": Role.TEAM_CHAIR,
            f"{prefix}-0-is_active": "on",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    victim.refresh_from_db()
    assert (victim.email, victim.full_name, victim.is_active) == (
        "anna@a.example",
        "Anna van A",
        True,
    )
    # What is B's own (the role in B) did change; A's membership did not.
    assert Membership.objects.get(pk=shared.pk).role == Role.TEAM_CHAIR
    assert Membership.objects.get(user=victim, organisation=tenants["a"]).role == Role.COORDINATOR


def test_a_membership_of_another_organisation_cannot_be_added_through_the_user_form(
    as_attacker, tenants
):
    own = MembershipFactory(organisation=tenants["b"], role=Role.COORDINATOR).user
    before = _memberships()
    prefix = "memberships"

    response = as_attacker.post(
        reverse("admin:accounts_user_change", args=[own.pk]),
        {
            "email": own.email,
            "full_name": own.full_name,
            "phone": "",
            "is_active": "on",
            f"{prefix}-TOTAL_FORMS": "2",
            f"{prefix}-INITIAL_FORMS": "1",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
            f"{prefix}-0-id": Membership.objects.get(user=own).pk,
            f"{prefix}-0-user": own.pk,
            f"{prefix}-0-organisation": tenants["b"].pk,
            f"{prefix}-0-role": Role.COORDINATOR,
            f"{prefix}-0-is_active": "on",
            f"{prefix}-1-user": own.pk,
            f"{prefix}-1-organisation": tenants["a"].pk,
            f"{prefix}-1-role": Role.FUNCTIONAL_ADMIN,
            f"{prefix}-1-is_active": "on",
        },
    )

    assert response.status_code == 200  # the form comes back with an error
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert _memberships() == before


def test_a_default_coordinator_of_another_organisation_is_refused(as_attacker, tenants):
    response = as_attacker.post(
        reverse("admin:cases_defaultcoordinator_add"),
        {"municipality": tenants["municipality"].pk, "coordinator": tenants["victim"].pk},
    )

    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not DefaultCoordinator.objects.exists()


@pytest.mark.parametrize(
    "url_name", ["admin:detention_penitentiaryinstitution", "admin:accounts_municipality"]
)
def test_national_reference_data_is_for_platform_administrators_only(
    as_attacker, tenants, url_name
):
    institution = PenitentiaryInstitutionFactory(name="PI Haaglanden")
    obj = institution if "institution" in url_name else tenants["municipality"]
    change = reverse(f"{url_name}_change", args=[obj.pk])
    history = reverse(f"{url_name}_history", args=[obj.pk])

    assert as_attacker.get(reverse(f"{url_name}_changelist")).status_code == 403
    assert as_attacker.get(history).status_code == 403
    assert as_attacker.post(change, {"name": "Hernoemd"}).status_code == 403
    obj.refresh_from_db()
    assert obj.name in ("PI Haaglanden", "Katwijk")


def _admin_forms(request):
    """Every form the admin builds (add and change) for each model admin and its inlines."""
    for model, model_admin in admin_site._registry.items():
        yield model, model_admin.get_form(request, None)
        for inline in model_admin.get_inline_instances(request, None):
            yield inline.model, inline.get_formset(request, None).form


def test_no_admin_form_offers_another_organisations_rows(tenants):
    # Rows of organisation A that a form field could point to: the organisation, its user.
    request = RequestFactory().get("/beheer/")
    request.user = tenants["attacker"]
    request.scope = Scope(
        user=tenants["attacker"], organisation=tenants["b"], role=Role.FUNCTIONAL_ADMIN
    )
    foreign = {Organisation: tenants["a"].pk, User: tenants["victim"].pk}
    checked = 0
    for model, form_class in _admin_forms(request):
        for name, field in form_class.base_fields.items():
            if not isinstance(field, ModelChoiceField):
                continue
            related = field.queryset.model
            if related in foreign:
                checked += 1
                assert not field.queryset.filter(pk=foreign[related]).exists(), (
                    f"{model.__name__}.{name} offers organisation A's {related.__name__}"
                )
            elif any(f.name == "organisation" for f in related._meta.fields):
                checked += 1
                assert not field.queryset.exclude(organisation=tenants["b"]).exists(), (
                    f"{model.__name__}.{name} offers rows of another organisation"
                )
    # The membership inline (organisation), default coordinator (coordinator), ...
    assert checked >= 2


def test_an_admin_edit_raises_the_version_so_a_stale_settings_form_is_refused(
    verified_client, tenants
):
    # Issue 11: the admin did not raise the version, so the settings form overwrote its edit.
    organisation = tenants["b"]
    client = verified_client(tenants["attacker"], organisation)
    opened_version = organisation.version

    admin_edit = client.post(
        reverse("admin:accounts_organisation_change", args=[organisation.pk]),
        {"name": "Organisatie B (beheer)", "aftercare_months": "6"},
    )
    stale = client.post(
        reverse("accounts:organisation_settings"),
        {"name": "Organisatie B (oud)", "aftercare_months": "3", "version": opened_version},
    )

    assert admin_edit.status_code == 302, admin_edit.content.decode()[:1500]
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in stale.content.decode()
    organisation.refresh_from_db()
    assert (organisation.name, organisation.aftercare_months, organisation.version) == (
        "Organisatie B (beheer)",
        6,
        opened_version + 1,
    )


def test_a_history_revert_cannot_restore_read_only_account_fields(as_attacker, tenants):
    # A revert saves every field of the old version, including those the form leaves read-only.
    victim = tenants["victim"]
    MembershipFactory(user=victim, organisation=tenants["b"], role=Role.COORDINATOR)
    old_version = victim.history.latest("history_date").history_id
    victim.email = "anna.nieuw@a.example"
    victim.save()
    url = reverse("admin:accounts_user_simple_history", args=[victim.pk, old_version])

    response = as_attacker.post(url, {"email": "anna@a.example", "full_name": "Anna van A"})

    assert response.status_code == 403
    victim.refresh_from_db()
    assert victim.email == "anna.nieuw@a.example"
