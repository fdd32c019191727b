"""The one access policy: every scoped model has a rule, and no app can widen another's."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.core.access import AccessPolicy, Scope, ScopedQuerySet, for_roles, policy
from terugkeer.core.roles import Role


def _scoped_models():
    return [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), ScopedQuerySet)
    ]


def test_every_model_of_personal_data_has_a_registered_rule():
    scoped = _scoped_models()
    missing = [m._meta.label for m in scoped if not policy.is_registered(m)]
    assert len(scoped) >= 12  # clients, detention (3), cases (7), assessments (2)
    assert not missing, f"models without an access rule (they would show nothing): {missing}"


def test_a_second_grant_for_a_model_is_refused():
    local = AccessPolicy()
    local.grant("clients.Client", for_roles(Role.COORDINATOR))
    with pytest.raises(ImproperlyConfigured):
        local.grant("clients.client", for_roles(Role.MENTOR))


@pytest.mark.django_db
def test_restrictions_only_narrow_and_unregistered_models_show_nothing():
    from terugkeer.clients.models import Client
    from terugkeer.clients.tests.factories import ClientFactory

    client = ClientFactory()
    user = MembershipFactory(organisation=client.organisation, role=Role.COORDINATOR).user
    scope = Scope(user=user, organisation=client.organisation, role=Role.COORDINATOR)
    local = AccessPolicy()
    queryset = Client.objects.filter(organisation=client.organisation)

    assert list(local.apply(queryset, scope, "view")) == []  # no grant: deny by default
    local.grant("clients.Client", for_roles(Role.COORDINATOR))
    # A restriction that tries to add rows cannot: it only filters what the grant let through.
    local.restrict("clients.Client", lambda qs, scope, action: qs | Client.objects.all())
    local.restrict("clients.Client", lambda qs, scope, action: qs.filter(pk=client.pk))
    assert list(local.apply(queryset, scope, "view")) == [client]
    mentor = Scope(user=user, organisation=client.organisation, role=Role.MENTOR)
    assert list(local.apply(queryset, mentor, "view")) == []


@pytest.mark.django_db
def test_a_restricted_model_keeps_the_rows_of_a_multi_valued_filter():
    # Combining querysets with '&' re-created the join of trajectories__status: 2 rows became 4.
    from terugkeer.cases.tests.factories import TrajectoryFactory
    from terugkeer.clients.models import Client

    first = TrajectoryFactory(status="aangemeld")
    TrajectoryFactory(client=first.client, status="aangemeld", programme="reintegratie")
    user = MembershipFactory(organisation=first.organisation, role=Role.COORDINATOR).user
    scope = Scope(user=user, organisation=first.organisation, role=Role.COORDINATOR)

    rows = Client.objects.filter(trajectories__status="aangemeld").visible_to(scope)

    assert [c.pk for c in rows] == [first.client_id, first.client_id]  # one per trajectory
