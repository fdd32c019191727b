import datetime

import factory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from terugkeer.accounts.choices import OrganisationKind
from terugkeer.accounts.models import Invitation, Membership, Municipality, Organisation, User
from terugkeer.core.roles import Role

TEST_PASSWORD = "Een-lang-testwachtwoord-42"


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["cbs_code"]

    name = factory.Faker("city", locale="nl_NL")
    # Six characters like a real CBS code, in a range no real one uses (9000–9999); the suite
    # makes more than a thousand, so the number wraps (get_or_create: one per code per test).
    cbs_code = factory.Sequence(lambda n: f"GM{9000 + n % 1000:04d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Nazorgteam {n}")
    kind = OrganisationKind.MUNICIPALITY
    aftercare_months = 3

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if not create:
            return
        self.municipalities.set(extracted if extracted is not None else [MunicipalityFactory()])

    class Params:
        foundation = factory.Trait(kind=OrganisationKind.FOUNDATION)
        regional = factory.Trait(kind=OrganisationKind.REGIONAL_POINT)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"gebruiker{n}@example.org")
    full_name = factory.Faker("name", locale="nl_NL")
    password = factory.django.Password(TEST_PASSWORD)

    @factory.post_generation
    def with_device(self, create, extracted, **kwargs):
        if create and extracted is not False:
            TOTPDevice.objects.create(user=self, name="test", confirmed=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.COORDINATOR

    class Params:
        inactive = factory.Trait(is_active=False)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"genodigde{n}@example.org")
    role = Role.COORDINATOR
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
