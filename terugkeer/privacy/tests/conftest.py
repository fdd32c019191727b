import pytest

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.core.roles import Role


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def officer(organisation):
    return MembershipFactory(organisation=organisation, role=Role.PRIVACY_OFFICER).user


@pytest.fixture
def as_officer(verified_client, officer, organisation):
    return verified_client(officer, organisation)
