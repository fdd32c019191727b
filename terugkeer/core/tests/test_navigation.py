"""The main menu, the home tiles and the signals: filled by the apps, per role."""

import datetime

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.core import navigation, signals_registry
from terugkeer.core.navigation import HomeTask, NavItem
from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import Severity, Signal

pytestmark = pytest.mark.django_db

CASEWORK_MENU = [
    "Nieuwe meldingen",
    "Mijn caseload",
    "Alle trajecten",
    "Cliënten zoeken",
    "Meldingen importeren",
    "Te beoordelen",
    "Mentoren",
    "Mentorverslagen",
    "Mentorenvergaderingen",
    "Woningen",
    "Kaartenproject",
    "Activiteiten",
    "Ketenpartners",
    "Teamoverleg",
]


CASEWORK_TILES = [
    "Cliënttevredenheid (C-toets)",
    "Mentorverslagen",
    "Woningen",
    "Kaartenproject",
]


def menu_labels(response) -> list[str]:
    return [link.label for link in response.context["menu"]]


def tile_titles(response) -> list[str]:
    return [tile.title for tile in response.context["tasks"]]


@pytest.mark.parametrize(
    ("role", "menu"),
    [
        (Role.COORDINATOR, [*CASEWORK_MENU, "Rapportages"]),
        (
            Role.TEAM_CHAIR,
            [
                *CASEWORK_MENU[:9],
                "Catalogus interventies",
                "Begroting",
                *CASEWORK_MENU[9:],
                "Rapportages",
            ],
        ),
        (Role.POLICY_ADVISOR, ["Rapportages", "Onderzoeksexport"]),
        (
            Role.FUNCTIONAL_ADMIN,
            [
                "Mentoren",
                "Catalogus interventies",
                "Begroting",
                "Woningen",
                "Ketenpartners",
                "Rapportages",
                "Bewaartermijnen",
            ],
        ),
        (Role.MENTOR, ["Mijn deelnemers", "Mijn verslagen"]),
        (
            Role.PRIVACY_OFFICER,
            [
                "Toegangslogboek",
                "Ongebruikelijke inzage",
                "Verzoeken van betrokkenen",
                "Onderzoeksexport",
                "Bewaartermijnen",
            ],
        ),
    ],
)
def test_the_menu_per_role_comes_from_the_apps(verified_client, role, menu):
    membership = MembershipFactory(role=role)
    response = verified_client(membership.user, membership.organisation).get(reverse("core:home"))
    assert menu_labels(response) == menu


@pytest.mark.parametrize(
    ("role", "tiles"),
    [
        (Role.COORDINATOR, [*CASEWORK_TILES]),
        (Role.TEAM_CHAIR, [*CASEWORK_TILES]),
        (Role.POLICY_ADVISOR, ["Cliënttevredenheid (C-toets)"]),
        (
            Role.FUNCTIONAL_ADMIN,
            [
                "Gebruikers en rollen",
                "Iemand uitnodigen",
                "Organisatie-instellingen",
                "Woningen",
            ],
        ),
        (Role.MENTOR, ["Mijn deelnemers"]),
        (
            Role.PRIVACY_OFFICER,
            ["Toegangslogboek", "Wie heeft dit dossier ingezien", "Verzoeken van betrokkenen"],
        ),
    ],
)
def test_home_tiles_per_role_come_from_the_apps(verified_client, role, tiles):
    membership = MembershipFactory(role=role)
    response = verified_client(membership.user, membership.organisation).get(reverse("core:home"))
    assert tile_titles(response) == tiles


def test_the_current_page_is_marked_in_the_menu(verified_client):
    membership = MembershipFactory(role=Role.POLICY_ADVISOR)
    client = verified_client(membership.user, membership.organisation)
    html = client.get(reverse("reports:index")).content.decode()
    # Every page of the reports namespace marks "Rapportages".
    assert f'<a href="{reverse("reports:index")}" aria-current="page">Rapportages</a>' in html


@pytest.fixture
def isolated_registries(monkeypatch):
    """Registrations made by a test disappear after it (the apps' own ones stay)."""
    monkeypatch.setattr(navigation, "_nav_items", dict(navigation._nav_items))
    monkeypatch.setattr(navigation, "_tile_providers", list(navigation._tile_providers))
    monkeypatch.setattr(signals_registry, "_providers", dict(signals_registry._providers))


def test_a_new_app_adds_a_menu_item_and_a_tile_for_its_role(isolated_registries, verified_client):
    # As a mentoring app would, from its ready(): nothing of core or cases is edited.
    navigation.register_nav_item(
        NavItem("Huiscontroles", "core:home", frozenset({Role.MENTOR}), order=5)
    )
    navigation.register_tiles(
        lambda scope: (
            [HomeTask("Gespreksverslag schrijven", "Wekelijks een kort verslag.", "/x/", order=1)]
            if scope.role == Role.MENTOR
            else []
        )
    )
    mentor = MembershipFactory(role=Role.MENTOR)
    response = verified_client(mentor.user, mentor.organisation).get(reverse("core:home"))
    assert menu_labels(response) == ["Huiscontroles", "Mijn deelnemers", "Mijn verslagen"]
    assert tile_titles(response) == ["Gespreksverslag schrijven", "Mijn deelnemers"]

    coordinator = MembershipFactory(role=Role.COORDINATOR)
    other = verified_client(coordinator.user, coordinator.organisation).get(reverse("core:home"))
    assert "Huiscontroles" not in menu_labels(other)
    assert "Gespreksverslag schrijven" not in tile_titles(other)


def test_a_signal_about_something_else_than_a_trajectory(isolated_registries, verified_client):
    """A provider signals about what it owns (here a house), for a role it names, with its URL."""
    mentor = MembershipFactory(role=Role.MENTOR)
    other_mentor = MembershipFactory(organisation=mentor.organisation, role=Role.MENTOR)

    def house_checks(scope, today):
        yield Signal(
            code="house_check_overdue",
            title="Geen wekelijkse controle sinds 03-03-2026",
            severity=Severity.HIGH,
            due=today - datetime.timedelta(days=7),
            subject="Instapwoning De Brug",
            url="/woningen/1/",
            assignee_ids=frozenset({mentor.user.pk}),
        )

    signals_registry.register(house_checks, roles=frozenset({Role.MENTOR}))

    response = verified_client(mentor.user, mentor.organisation).get(reverse("core:home"))
    html = response.content.decode()
    assert [s.subject for s in response.context["signals"].mine] == ["Instapwoning De Brug"]
    assert '<a class="signal__client" href="/woningen/1/">Instapwoning De Brug</a>' in html
    assert "Trajecten overdragen" not in html  # casework's link stays with casework

    # Not assigned: another mentor sees no "mine" signal; a coordinator never runs the provider.
    theirs = verified_client(other_mentor.user, other_mentor.organisation).get(reverse("core:home"))
    assert theirs.context["signals"].mine == []
    coordinator = MembershipFactory(organisation=mentor.organisation, role=Role.COORDINATOR)
    scope_signals = signals_registry.signals_for(
        scope=_scope(coordinator), today=datetime.date(2026, 3, 10)
    )
    assert "house_check_overdue" not in {s.code for s in scope_signals}


def test_roles_without_any_provider_get_no_signal_block(verified_client):
    advisor = MembershipFactory(role=Role.POLICY_ADVISOR)
    response = verified_client(advisor.user, advisor.organisation).get(reverse("core:home"))
    assert response.context["signals"] is None
    assert 'data-testid="signals"' not in response.content.decode()


def _scope(membership):
    from terugkeer.core.access import Scope

    return Scope(user=membership.user, organisation=membership.organisation, role=membership.role)
