"""What the privacy app adds to core's pages: the privacy officer's menu items and home tiles,
and the Dutch titles of its pages in the access log (``core.page_titles``)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from terugkeer.core.navigation import HomeTask, NavItem, register_nav_item, register_tiles
from terugkeer.core.page_titles import register_page_title
from terugkeer.core.roles import Role

PRIVACY_OFFICER = frozenset({Role.PRIVACY_OFFICER})

MENU = (
    NavItem(
        gettext_lazy("Toegangslogboek"),
        "privacy:access_log",
        PRIVACY_OFFICER,
        order=85,
    ),
    NavItem(gettext_lazy("Ongebruikelijke inzage"), "privacy:alerts", PRIVACY_OFFICER, order=86),
    NavItem(
        gettext_lazy("Verzoeken van betrokkenen"),
        "privacy:request_list",
        PRIVACY_OFFICER,
        order=87,
    ),
    # Policy advisors read the aggregates already; the privacy officer checks what leaves.
    NavItem(
        gettext_lazy("Onderzoeksexport"),
        "privacy:research_export",
        frozenset({Role.POLICY_ADVISOR, Role.PRIVACY_OFFICER}),
        order=88,
    ),
    # Rules are proposed and confirmed by two of the privacy officers and functional admins.
    NavItem(
        gettext_lazy("Bewaartermijnen"),
        "privacy:retention",
        frozenset({Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN}),
        order=89,
    ),
)


PAGE_TITLES = {
    "privacy:index": gettext_lazy("Privacy: cliënt opzoeken"),
    "privacy:client_lookup": gettext_lazy("Privacy: cliënt opzoeken"),
    "privacy:client_log": gettext_lazy("Wie heeft dit dossier ingezien"),
    "privacy:access_log_csv": gettext_lazy("Toegangslogboek (CSV)"),
    "privacy:access_log_xlsx": gettext_lazy("Toegangslogboek (XLSX)"),
    "privacy:request_create": gettext_lazy("Verzoek van betrokkene registreren"),
    "privacy:request_detail": gettext_lazy("Verzoek van betrokkene"),
    "privacy:inzage_pdf": gettext_lazy("Inzage-export (PDF)"),
    "privacy:inzage_json": gettext_lazy("Inzage-export (JSON)"),
}


def privacy_tiles(scope) -> list[HomeTask]:
    if scope.role != Role.PRIVACY_OFFICER:
        return []
    return [
        HomeTask(
            title=_("Toegangslogboek"),
            description=_("Wie heeft wanneer welk dossier bekeken; filteren en exporteren."),
            url=reverse("privacy:access_log"),
            order=85,
        ),
        HomeTask(
            title=_("Wie heeft dit dossier ingezien"),
            description=_("Zoek een cliënt op BSN en zie wie het dossier heeft ingezien."),
            url=reverse("privacy:index"),
            order=86,
        ),
        HomeTask(
            title=_("Verzoeken van betrokkenen"),
            description=_(
                "Inzage, correctie, verwijdering, beperking en bezwaar: termijnen en besluiten."
            ),
            url=reverse("privacy:request_list"),
            order=87,
        ),
    ]


def register() -> None:
    register_tiles(privacy_tiles)
    for item in MENU:
        register_nav_item(item)
    for url_name, title in PAGE_TITLES.items():
        register_page_title(url_name, title)
