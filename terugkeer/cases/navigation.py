"""What cases adds to the main menu (``core.navigation``): worklists, search, intake."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.navigation import NavItem, register_nav_item
from terugkeer.core.roles import CASEWORK_ROLES

MENU = (
    NavItem(_("Nieuwe meldingen"), "cases:new", CASEWORK_ROLES, order=10),
    NavItem(_("Mijn caseload"), "cases:mine", CASEWORK_ROLES, order=20),
    NavItem(_("Alle trajecten"), "cases:all", CASEWORK_ROLES, order=30),
    NavItem(_("Cliënten zoeken"), "clients:search", CASEWORK_ROLES, order=40),
    NavItem(_("Meldingen importeren"), "intake:import_upload", CASEWORK_ROLES, order=50),
    NavItem(_("Te beoordelen"), "intake:review", CASEWORK_ROLES, order=60),
)


def register() -> None:
    for item in MENU:
        register_nav_item(item)
