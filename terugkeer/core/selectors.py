"""Reads for the core pages."""

from dataclasses import dataclass

from django.db import connection
from django.utils.translation import gettext_lazy as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import CASEWORK_ROLES, Role

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


def database_ping() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@dataclass(frozen=True)
class HomeSignals:
    """'Wat vraagt aandacht': the user's own signals and those of the whole team."""

    mine: list
    team: list
    show_team_list: bool
    show_team_count: bool
    show_reassign: bool


def home_signals(*, scope: Scope, today) -> HomeSignals | None:
    """Signals for the home page of every role some app signals to (None for other roles).

    ``mine``: what is assigned to the user (trajectories they coordinate or substitute).
    ``team``: everything the scope may see; the team chair sees the whole list, a coordinator a
    folded list with its count on top, other roles only their own.
    """
    from terugkeer.core.signals_registry import roles_with_signals, signals_for

    if scope.role not in roles_with_signals():
        return None
    team = signals_for(scope=scope, today=today)
    mine = [s for s in team if s.concerns(scope.user.pk)]
    casework = scope.role in CASEWORK_ROLES
    return HomeSignals(
        mine=mine,
        team=team,
        show_team_list=scope.role == Role.TEAM_CHAIR,
        show_team_count=casework and scope.role != Role.TEAM_CHAIR,
        show_reassign=casework,
    )
