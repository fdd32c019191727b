"""What cases adds to the main menu (``core.navigation``): worklists, search, intake; and the
Dutch titles of its pages that the access log names (``core.page_titles``; the dossier tabs
name themselves through ``cases.registry.register_tab``)."""

from django.utils.translation import gettext_lazy as _

from terugkeer.core.navigation import NavItem, register_nav_item
from terugkeer.core.page_titles import register_page_title
from terugkeer.core.roles import CASEWORK_ROLES

MENU = (
    NavItem(_("Nieuwe meldingen"), "cases:new", CASEWORK_ROLES, order=10),
    NavItem(_("Mijn caseload"), "cases:mine", CASEWORK_ROLES, order=20),
    NavItem(_("Alle trajecten"), "cases:all", CASEWORK_ROLES, order=30),
    NavItem(_("Cliënten zoeken"), "clients:search", CASEWORK_ROLES, order=40),
    NavItem(_("Meldingen importeren"), "intake:import_upload", CASEWORK_ROLES, order=50),
    NavItem(_("Te beoordelen"), "intake:review", CASEWORK_ROLES, order=60),
)

PAGE_TITLES = {
    "dossier:pdf": _("Dossier als PDF"),
    "intake:notification": _("Melding"),
    "intake:register": _("Melding registreren"),
    "intake:import_preview": _("Import van meldingen: voorbeeld"),
    "intake:open_trajectory": _("Traject openen"),
    "intake:open_trajectory_for_client": _("Traject openen voor een cliënt"),
    "cases:break_glass": _("Afgeschermd dossier: reden opgeven"),
}


def register() -> None:
    for item in MENU:
        register_nav_item(item)
    for url_name, title in PAGE_TITLES.items():
        register_page_title(url_name, title)
