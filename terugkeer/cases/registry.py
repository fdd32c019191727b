"""Extension points of the dossier that programme apps fill from their ``AppConfig.ready()``.

``cases`` knows no programme app: an app adds a dossier tab, a section of the dossier PDF and
klantreis events through these registries (``assessments`` does all three). Each registration
is idempotent, so a repeated ``ready()`` does not double a tab.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from terugkeer.core.page_titles import register_page_title


@dataclass(frozen=True)
class DossierTab:
    """A tab of the dossier: a URL name taking ``trajectory_pk``, its title and its place."""

    url_name: str
    title: Any
    order: int


@dataclass(frozen=True)
class PdfSection:
    """A part of the dossier PDF: a template included at the end with its own context."""

    template_name: str
    context: dict[str, Any] = field(default_factory=dict)


# (scope, trajectory) -> PdfSection | None
PdfSectionProvider = Callable[[Any, Any], "PdfSection | None"]
# (scope, trajectory_ids, lanes) -> events (``cases.timeline.Event``) for the klantreis
EventSource = Callable[[Any, Iterable[int], dict], list]

_tabs: dict[str, DossierTab] = {}
_pdf_sections: list[PdfSectionProvider] = []
_event_sources: list[EventSource] = []


def register_tab(url_name: str, title: Any, *, order: int) -> None:
    _tabs[url_name] = DossierTab(url_name, title, order)
    # The tab's title names its page in the access log too (the privacy officer's, the inzage).
    register_page_title(url_name, format_lazy("{} ({})", title, _("dossier")))


def register_pdf_section(provider: PdfSectionProvider) -> PdfSectionProvider:
    if provider not in _pdf_sections:
        _pdf_sections.append(provider)
    return provider


def register_event_source(source: EventSource) -> EventSource:
    if source not in _event_sources:
        _event_sources.append(source)
    return source


def dossier_tabs() -> list[DossierTab]:
    return sorted(_tabs.values(), key=lambda tab: tab.order)


def pdf_sections(*, scope, trajectory) -> list[PdfSection]:
    return [
        section
        for provider in _pdf_sections
        if (section := provider(scope, trajectory)) is not None
    ]


def event_sources() -> list[EventSource]:
    return list(_event_sources)
