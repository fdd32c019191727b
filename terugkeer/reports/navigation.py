"""What reports adds to the main menu and the home page (``core.navigation``)."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.navigation import NavItem, register_nav_item
from terugkeer.core.roles import REPORT_ROLES


def register() -> None:
    register_nav_item(
        NavItem(_("Rapportages"), "reports:index", REPORT_ROLES, order=80, current="reports:")
    )
