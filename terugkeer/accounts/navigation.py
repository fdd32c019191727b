"""What accounts adds to the home page (``core.navigation``): the functional admin's tiles."""

from django.urls import reverse
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.navigation import HomeTask, register_tiles
from terugkeer.core.roles import Role


def admin_tiles(scope: Scope) -> list[HomeTask]:
    if scope.role != Role.FUNCTIONAL_ADMIN:
        return []
    return [
        HomeTask(
            title=_("Gebruikers en rollen"),
            description=_("Rollen toekennen en intrekken, accounts van uw organisatie beheren."),
            url=reverse("admin:index"),
            order=10,
        ),
        HomeTask(
            title=_("Iemand uitnodigen"),
            description=_("Een collega per e-mail uitnodigen voor uw organisatie, met een rol."),
            url=reverse("accounts:invite"),
            order=15,
        ),
        HomeTask(
            title=_("Organisatie-instellingen"),
            description=_("Naam en duur van de nazorgperiode van uw organisatie."),
            url=reverse("accounts:organisation_settings"),
            order=20,
        ),
    ]


def register() -> None:
    register_tiles(admin_tiles)
