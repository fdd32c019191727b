"""Dutch titles of pages, by URL name: what the access log's readers (the privacy officer, a
data subject reading their inzage export) see instead of a technical view name.

Apps register the titles of their pages from ``AppConfig.ready()`` (``cases.registry.register_tab``
registers every dossier tab's title on the way); a menu item's label is the title of its page
when nothing more specific is registered. A page nobody named keeps its technical name.
"""

from __future__ import annotations

from typing import Any

from terugkeer.core import navigation

_titles: dict[str, Any] = {}


def register_page_title(url_name: str, title: Any) -> None:
    """Name the page ``url_name`` (``"dossier:overview"``); a repeated registration replaces."""
    _titles[url_name] = title


def page_title(url_name: str) -> str:
    """The Dutch title of the page ``url_name``; the name itself when none is known."""
    if url_name in _titles:
        return str(_titles[url_name])
    item = navigation.nav_item(url_name)
    if item is not None:
        return str(item.label)
    return url_name
