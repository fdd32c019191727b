"""Reads for the core pages."""

from dataclasses import dataclass

from django.db import connection
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import Role


@dataclass(frozen=True)
class HomeTask:
    """A tile on the home page: what this role can do, and where."""

    title: str
    description: str
    url: str | None = None


_ROLE_DESCRIPTIONS = {
    Role.COORDINATOR: _(
        "U ontvangt meldingen, legt contact binnen vijf werkdagen, brengt de basisvoorwaarden in "
        "kaart, maakt het plan van aanpak en begeleidt de cliënt na vrijlating."
    ),
    Role.TEAM_CHAIR: _(
        "U zit het driewekelijkse teamoverleg voor, leest alle casussen van het team en keurt "
        "aanvragen goed."
    ),
    Role.MENTOR: _(
        "U ziet alleen de deelnemers aan wie u gekoppeld bent en schrijft wekelijks een kort "
        "gespreksverslag."
    ),
    Role.POLICY_ADVISOR: _(
        "U volgt bereik, resultaten en kosten. U ziet alleen totalen, nooit persoonsgegevens."
    ),
    Role.FUNCTIONAL_ADMIN: _(
        "U beheert gebruikers, rollen en referentiegegevens van uw organisatie."
    ),
    Role.PRIVACY_OFFICER: _(
        "U leest het toegangslogboek en behandelt verzoeken om inzage en verwijdering."
    ),
}


def role_description(role: Role) -> str:
    return str(_ROLE_DESCRIPTIONS[role])


def home_tasks_for(*, scope: Scope) -> list[HomeTask]:
    """The tiles shown on the home page for the scope's role; only working features appear."""
    tasks: list[HomeTask] = []
    if scope.role == Role.FUNCTIONAL_ADMIN:
        tasks.append(
            HomeTask(
                title=str(_("Gebruikers en rollen")),
                description=str(_("Gebruikers toevoegen, rollen toekennen en intrekken.")),
                url=reverse("admin:index"),
            )
        )
        tasks.append(
            HomeTask(
                title=str(_("Organisatie-instellingen")),
                description=str(_("Naam en duur van de nazorgperiode van uw organisatie.")),
                url=reverse("accounts:organisation_settings"),
            )
        )
    if scope.role == Role.PRIVACY_OFFICER:
        tasks.append(
            HomeTask(
                title=str(_("Toegangslogboek")),
                description=str(_("Wie heeft wanneer welk dossier bekeken.")),
                url=reverse("core:access_log"),
            )
        )
    return tasks


def database_ping() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def access_log_for(*, scope: Scope):
    """The access log of the scope's organisation, for the privacy officer only (deny otherwise)."""
    from terugkeer.core.models import AccessLogEntry

    if scope.role != Role.PRIVACY_OFFICER:
        return AccessLogEntry.objects.none()
    return (
        AccessLogEntry.objects.filter(organisation=scope.organisation)
        .select_related("user", "subject_type")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class HomeSignals:
    """'Wat vraagt aandacht': the user's own signals and those of the whole team."""

    mine: list
    team: list
    show_team_list: bool


def home_signals(*, scope: Scope, today) -> HomeSignals | None:
    """Signals for the home page of coordinators and team chairs (None for other roles).

    ``mine``: trajectories the user coordinates or substitutes. ``team``: everything the scope
    may see (for a coordinator the whole list is folded away, a count shows on top).
    """
    from terugkeer.core.signals_registry import signals_for

    if scope.role not in (Role.COORDINATOR, Role.TEAM_CHAIR):
        return None
    team = signals_for(scope=scope, today=today)
    mine = [s for s in team if s.concerns(scope.user.pk)]
    return HomeSignals(mine=mine, team=team, show_team_list=scope.role == Role.TEAM_CHAIR)
