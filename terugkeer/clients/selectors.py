"""Reads of client data. Every query starts from ``Client.objects.visible_to(scope)``."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from terugkeer.clients.models import Client
from terugkeer.core.access import Action, Scope, get_visible_or_404, require_stated_reason
from terugkeer.core.validators import normalise_bsn

_DATE_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_BSN_RE = re.compile(r"^\d{8,9}$")


class QueryKind(StrEnum):
    NAME = "naam"
    BSN = "bsn"
    BIRTH_DATE = "geboortedatum"
    INVALID_DATE = "ongeldige_datum"


@dataclass(frozen=True)
class ClientQuery:
    """What the single search box was understood to mean."""

    kind: QueryKind
    text: str
    bsn: str = ""
    birth_date: datetime.date | None = None
    terms: tuple[str, ...] = ()


def parse_client_query(text: str) -> ClientQuery:
    """A date (dd-mm-jjjj) is a birth date; 8 or 9 digits a BSN; anything else a name."""
    text = " ".join(text.split())
    date_match = _DATE_RE.match(text)
    if date_match:
        day, month, year = (int(part) for part in date_match.groups())
        try:
            return ClientQuery(
                QueryKind.BIRTH_DATE, text, birth_date=datetime.date(year, month, day)
            )
        except ValueError:
            return ClientQuery(QueryKind.INVALID_DATE, text)
    compact = re.sub(r"[\s.\-]", "", text)
    if _BSN_RE.match(compact):
        return ClientQuery(QueryKind.BSN, text, bsn=normalise_bsn(compact))
    return ClientQuery(QueryKind.NAME, text, terms=tuple(text.split()))


def client_search(*, scope: Scope | None, query: ClientQuery) -> QuerySet[Client]:
    """Clients of the scope matching ``query``; every name term must match some name part."""
    clients = Client.objects.visible_to(scope).select_related("municipality")
    if query.kind == QueryKind.BSN:
        return clients.filter(bsn=query.bsn)
    if query.kind == QueryKind.BIRTH_DATE:
        return clients.filter(birth_date=query.birth_date)
    if query.kind == QueryKind.NAME and query.terms:
        for term in query.terms:
            clients = clients.filter(
                Q(surname__icontains=term)
                | Q(first_names__icontains=term)
                | Q(prefix__icontains=term)
                | Q(initials__icontains=term)
            )
        return clients.order_by("surname", "first_names", "pk")
    return clients.none()


def client_for_dossier(*, scope: Scope | None, pk: int) -> Client:
    """One client of the scope, or 404; a reason first where the policy asks for one (break the
    glass: a shielded person's dossier read beyond the reader's assignment)."""
    client = get_visible_or_404(
        Client.objects.visible_to(scope).select_related("municipality"), pk=pk
    )
    return require_stated_reason(scope, client)


READ_ONLY_MESSAGE = _(
    "U kunt deze cliënt bekijken, maar niet wijzigen: casuïstiek wijzigen is aan de coördinator."
)


def client_for_edit(*, scope: Scope | None, pk: int) -> Client:
    """The client to change: 404 if not visible, 403 (with the reason) if only readable."""
    client = get_visible_or_404(Client.objects.visible_to(scope), pk=pk)
    if not scope.can(Action.CHANGE, client):
        raise PermissionDenied(READ_ONLY_MESSAGE)
    return require_stated_reason(scope, client)
