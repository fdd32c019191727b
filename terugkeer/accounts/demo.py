"""Demo organisations and users, shaped like the seed documents (synthetic people only)."""

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from terugkeer.accounts import services
from terugkeer.accounts.choices import OrganisationKind
from terugkeer.accounts.models import Membership, Municipality, Organisation, User
from terugkeer.core.roles import Role

DEMO_PASSWORD = "Terugkeer-demo-2026"  # noqa: S105 (demo only; printed by make run)

MUNICIPALITIES = [
    ("Leidschendam-Voorburg", "GM1916"),
    ("Katwijk", "GM0537"),
    ("Westland", "GM1783"),
    # Kennemerland: the eight municipalities of the regional coordination point.
    ("Haarlem", "GM0392"),
    ("Zandvoort", "GM0473"),
    ("Heemstede", "GM0397"),
    ("Bloemendaal", "GM0377"),
    ("Velsen", "GM0453"),
    ("Beverwijk", "GM0375"),
    ("Heemskerk", "GM0396"),
    ("Uitgeest", "GM0450"),
]


@dataclass(frozen=True)
class DemoOrganisation:
    slug: str
    name: str
    kind: OrganisationKind
    municipality_codes: tuple[str, ...]


DEMO_ORGANISATIONS = [
    DemoOrganisation(
        "lv",
        "Gemeente Leidschendam-Voorburg – Lokale Kamer",
        OrganisationKind.MUNICIPALITY,
        ("GM1916",),
    ),
    DemoOrganisation("kocon", "Stichting Kocon", OrganisationKind.FOUNDATION, ("GM0537",)),
    # Westland (seed 002): one nazorgcoördinator, warm referrals to the SKT and Exodus.
    DemoOrganisation("westland", "Gemeente Westland", OrganisationKind.MUNICIPALITY, ("GM1783",)),
    DemoOrganisation(
        "rcn",
        "Regionaal Coördinatiepunt Nazorg Kennemerland",
        OrganisationKind.REGIONAL_POINT,
        ("GM0392", "GM0473", "GM0397", "GM0377", "GM0453", "GM0375", "GM0396", "GM0450"),
    ),
]

ROLE_SLUGS = {
    Role.COORDINATOR: "coordinator",
    Role.TEAM_CHAIR: "teamvoorzitter",
    Role.MENTOR: "mentor",
    Role.POLICY_ADVISOR: "beleid",
    Role.FUNCTIONAL_ADMIN: "beheer",
    Role.PRIVACY_OFFICER: "privacy",
}


DEMO_DOMAIN = ".demo.terugkeer.nl"


def demo_email(org_slug: str, role: Role) -> str:
    return f"{ROLE_SLUGS[role]}@{org_slug}{DEMO_DOMAIN}"


def _user_with_device(email: str, full_name: str) -> User:
    user = services.user_create(email=email, full_name=full_name, password=DEMO_PASSWORD)
    TOTPDevice.objects.create(user=user, name="Demo-app", confirmed=True)
    return user


def seed(context: dict) -> None:
    """The accounts part of ``manage.py seed_demo``."""
    context["organisations"] = seed_organisations(seed=context["seed"])


def print_logins(stdout) -> None:
    memberships = (
        Membership.objects.select_related("user", "organisation")
        .filter(user__email__endswith=DEMO_DOMAIN)
        .order_by("organisation__name", "role", "user__email")
    )
    stdout.write(f"\nDemo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD})")
    current = None
    for membership in memberships:
        if membership.organisation_id != current:
            current = membership.organisation_id
            stdout.write(f"\n  {membership.organisation.name}")
        stdout.write(f"    {membership.get_role_display():34} {membership.user.email}")
    stdout.write("")


@transaction.atomic
def seed_organisations(*, seed: int = 2026) -> dict[str, Organisation]:
    """Create municipalities, the four demo organisations and a user for every role in each."""
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    for name, code in MUNICIPALITIES:
        Municipality.objects.get_or_create(cbs_code=code, defaults={"name": name})
    organisations: dict[str, Organisation] = {}
    for demo in DEMO_ORGANISATIONS:
        organisation = services.organisation_create(
            name=demo.name,
            kind=demo.kind,
            municipalities=list(Municipality.objects.filter(cbs_code__in=demo.municipality_codes)),
        )
        organisations[demo.slug] = organisation
        for role in Role:
            email = demo_email(demo.slug, role)
            user = _user_with_device(email, fake.name())
            services.membership_grant(user=user, organisation=organisation, role=role)
    # One coordinator works for two organisations, to show the organisation switch.
    email = f"coordinator@twee-organisaties{DEMO_DOMAIN}"
    user = _user_with_device(email, fake.name())
    services.membership_grant(user=user, organisation=organisations["kocon"], role=Role.COORDINATOR)
    services.membership_grant(user=user, organisation=organisations["rcn"], role=Role.COORDINATOR)
    return organisations
