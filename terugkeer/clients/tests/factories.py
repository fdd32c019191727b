"""Factories for clients."""

import factory

from terugkeer.accounts.tests.factories import OrganisationFactory
from terugkeer.clients.choices import Household, Sex
from terugkeer.clients.models import Client
from terugkeer.core.validators import bsn_check_digit


def make_bsn(first_eight: str) -> str:
    """A valid BSN starting with ``first_eight``; raises if those digits cannot make one."""
    check = bsn_check_digit(first_eight)
    if check == 10:
        raise ValueError(f"{first_eight} has no valid BSN check digit")
    return f"{first_eight}{check}"


def sequential_bsn(n: int) -> str:
    """The n-th test BSN: 1xxxxxxx + check digit, or 2xxxxxxx when 1xxxxxxx has no check digit.

    Raising the first digit by one changes the sum by 9, so the check digit becomes 8; the 2-range
    is used only for these, which keeps every BSN unique.
    """
    first_eight = f"{10_000_000 + n:08d}"
    if bsn_check_digit(first_eight) == 10:
        first_eight = f"{20_000_000 + n:08d}"
    return make_bsn(first_eight)


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client

    organisation = factory.SubFactory(OrganisationFactory)
    bsn = factory.Sequence(sequential_bsn)
    first_names = factory.Faker("first_name_male", locale="nl_NL")
    initials = factory.LazyAttribute(
        lambda o: "".join(f"{part[0]}." for part in o.first_names.split())
    )
    surname = factory.Sequence(lambda n: f"Testpersoon{n}")
    birth_date = factory.Faker("date_of_birth", minimum_age=18, maximum_age=70)
    sex = Sex.MALE
    address = factory.Sequence(lambda n: f"Dorpsstraat {n + 1}")
    postcode = "2261 AB"
    city = "Leidschendam"
    municipality = factory.LazyAttribute(lambda o: o.organisation.municipalities.first())
    household = Household.SINGLE
