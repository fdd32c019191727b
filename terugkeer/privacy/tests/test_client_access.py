"""The privacy officer reads clients through the clients app's registered reader rule."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.access import register_reader
from terugkeer.clients.models import Client
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Action, Scope
from terugkeer.core.roles import Role
from terugkeer.privacy.selectors import client_by_bsn, privacy_officer_clients

pytestmark = pytest.mark.django_db


def _scope(user, organisation, role):
    return Scope(user=user, organisation=organisation, role=role)


def test_the_privacy_officer_reads_only_the_own_organisations_clients(officer, organisation):
    # Given two clients of the own organisation (one with a shielded trajectory) and one elsewhere
    anna = ClientFactory(organisation=organisation, surname="Aalbers")
    bram = TrajectoryFactory(client__organisation=organisation, shielded=True).client
    elsewhere = ClientFactory(organisation=OrganisationFactory(), bsn=anna.bsn)
    scope = _scope(officer, organisation, Role.PRIVACY_OFFICER)

    # Then the policy lets through exactly the two own clients, for reading and exporting
    for action in (Action.VIEW, Action.EXPORT):
        visible = Client.objects.visible_to(scope, action=action)
        assert set(visible) == {anna, bram}
    assert set(privacy_officer_clients(scope)) == {anna, bram}
    # The other organisation's client with the same BSN is not found
    assert client_by_bsn(scope=scope, bsn=anna.bsn) == anna
    assert not Client.objects.filter(pk=elsewhere.pk).visible_to(scope).exists()
    # And the reader never changes a client
    assert not Client.objects.visible_to(scope, action=Action.CHANGE).exists()
    assert not scope.can(Action.CHANGE, anna)


def test_the_reader_rule_admits_no_other_role(organisation):
    # Given a client and a member of every role that neither casework nor a reader is
    ClientFactory(organisation=organisation)
    for role in (Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN):
        user = MembershipFactory(organisation=organisation, role=role).user
        # Then the policy shows them no client (deny by default)
        assert not Client.objects.visible_to(_scope(user, organisation, role)).exists()


def test_privacy_officer_clients_is_empty_for_casework(organisation):
    # Given a coordinator, who reads clients as casework
    ClientFactory(organisation=organisation)
    user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    # Then the privacy app's selector still gives them nothing
    assert not privacy_officer_clients(_scope(user, organisation, Role.COORDINATOR)).exists()


def test_a_reader_that_would_change_or_is_casework_is_refused():
    with pytest.raises(ImproperlyConfigured):
        register_reader(Role.MENTOR, actions=(Action.VIEW, Action.CHANGE))
    with pytest.raises(ImproperlyConfigured):
        register_reader(Role.COORDINATOR, actions=(Action.VIEW,))
    with pytest.raises(ImproperlyConfigured):
        register_reader(Role.PRIVACY_OFFICER, actions=(Action.VIEW,))  # differs from privacy's
    # The privacy app's own registration, repeated, is accepted (a repeated ready())
    register_reader(Role.PRIVACY_OFFICER, actions=(Action.VIEW, Action.EXPORT))
