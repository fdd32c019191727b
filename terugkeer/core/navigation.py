"""The main menu and the home page's tiles, contributed by the apps that own the pages.

Core knows no upper app: an app registers its menu items and tile providers from its
``AppConfig.ready()`` (``cases`` its worklists, ``reports`` the reports, ``accounts`` the
settings). Both are per role: an item names the roles that see it, a tile provider decides from
the scope. Registration is idempotent, so a repeated ``ready()`` doubles nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from terugkeer.core.access import Scope
from terugkeer.core.roles import Role


@dataclass(frozen=True)
class NavItem:
    """A link in the main menu.

    ``current`` marks it as the page the user is on: a URL name (``"cases:mine"``) or a whole
    URL namespace (``"reports:"``) whose every page highlights the item.
    """

    label: Any
    url_name: str
    roles: frozenset[Role]
    order: int
    current: str = ""

    def is_current(self, view_name: str) -> bool:
        marker = self.current or self.url_name
        if marker.endswith(":"):
            return view_name.startswith(marker)
        return view_name == marker


@dataclass(frozen=True)
class MenuLink:
    """A menu item resolved for one request."""

    label: str
    url: str
    is_current: bool


@dataclass(frozen=True)
class HomeTask:
    """A tile on the home page: what this role can do, and where."""

    title: str
    description: str
    url: str | None = None
    order: int = 100


# scope -> the tiles of that scope's role (none when the app has nothing for it)
TileProvider = Callable[[Scope], Iterable[HomeTask]]

_nav_items: dict[str, NavItem] = {}
_tile_providers: list[TileProvider] = []


def register_nav_item(item: NavItem) -> NavItem:
    """Add a menu item; a second registration of the same URL name replaces the first."""
    _nav_items[item.url_name] = item
    return item


def nav_item(url_name: str) -> NavItem | None:
    """The menu item linking to ``url_name``, if there is one."""
    return _nav_items.get(url_name)


def register_tiles(provider: TileProvider) -> TileProvider:
    if provider not in _tile_providers:
        _tile_providers.append(provider)
    return provider


def menu_for(*, scope: Scope | None, view_name: str) -> list[MenuLink]:
    """The menu items the scope's role sees, in order, with the current page marked."""
    if scope is None:
        return []
    items = sorted(
        (item for item in _nav_items.values() if scope.role in item.roles),
        key=lambda item: (item.order, item.url_name),
    )
    return [
        MenuLink(
            label=str(item.label), url=reverse(item.url_name), is_current=item.is_current(view_name)
        )
        for item in items
    ]


def tiles_for(*, scope: Scope) -> list[HomeTask]:
    """The home page's tiles for the scope, in order."""
    tiles = [tile for provider in _tile_providers for tile in provider(scope)]
    return sorted(tiles, key=lambda tile: (tile.order, tile.title))
