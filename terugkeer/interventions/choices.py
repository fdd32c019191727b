"""Choices of the interventions app: the course of a request, the form of the money, decisions."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

# Noodfonds (seed 000 §6.5): a one-off gift of at most € 750, never a loan.
EMERGENCY_GIFT_MAX = Decimal("750.00")


class DomainCode(models.TextChoices):
    """The basisvoorwaarde an intervention type serves (codes of ``cases.programmes``)."""

    ID = "id_bewijs", _("ID-bewijs")
    HOUSING = "huisvesting", _("Huisvesting")
    WORK_INCOME = "werk_inkomen", _("Werk & inkomen")
    DEBTS = "schulden", _("Schulden")
    CARE = "zorg", _("Zorg")
    SOCIAL = "sociaal_netwerk", _("Sociaal netwerk")
    OTHER = "anders", _("Anders")


class RequestStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    REQUESTED = "aangevraagd", _("aangevraagd")
    APPROVED = "goedgekeurd", _("goedgekeurd")
    REJECTED = "afgewezen", _("afgewezen")
    RUNNING = "lopend", _("lopend")
    COMPLETED = "afgerond", _("afgerond")
    WITHDRAWN = "ingetrokken", _("ingetrokken")
    SUPERSEDED = "vervangen", _("vervangen door een nieuwe versie")


# The course of a request (issue 14): every step the services may take, and nothing else.
TRANSITIONS: dict[str, frozenset[str]] = {
    RequestStatus.CONCEPT: frozenset({RequestStatus.REQUESTED, RequestStatus.WITHDRAWN}),
    RequestStatus.REQUESTED: frozenset(
        {RequestStatus.APPROVED, RequestStatus.REJECTED, RequestStatus.WITHDRAWN}
    ),
    RequestStatus.APPROVED: frozenset(
        {RequestStatus.RUNNING, RequestStatus.WITHDRAWN, RequestStatus.SUPERSEDED}
    ),
    RequestStatus.RUNNING: frozenset(
        {RequestStatus.COMPLETED, RequestStatus.WITHDRAWN, RequestStatus.SUPERSEDED}
    ),
    RequestStatus.REJECTED: frozenset({RequestStatus.SUPERSEDED}),
    RequestStatus.COMPLETED: frozenset(),
    RequestStatus.WITHDRAWN: frozenset(),
    RequestStatus.SUPERSEDED: frozenset(),
}

# After approval the content of a request is fixed: a change is a new version.
LOCKED_STATUSES = frozenset(
    {
        RequestStatus.APPROVED,
        RequestStatus.RUNNING,
        RequestStatus.COMPLETED,
        RequestStatus.REJECTED,
        RequestStatus.WITHDRAWN,
        RequestStatus.SUPERSEDED,
    }
)
# Money may be paid out only on an approved, running request.
PAYABLE_STATUSES = frozenset({RequestStatus.APPROVED, RequestStatus.RUNNING})


class MoneyForm(models.TextChoices):
    GIFT = "gift", _("gift aan de cliënt")
    THIRD_PARTY = "derde", _("betaling aan een derde (bijvoorbeeld verhuurder)")
    LOAN = "lening", _("lening, kwijt te schelden als de voorwaarden zijn nagekomen")
    NONE = "geen", _("geen geld (een afspraak of uitzondering)")


class Decision(models.TextChoices):
    """The colleague's decision on a signed request (the second signature)."""

    APPROVED = "goedgekeurd", _("goedgekeurd")
    REJECTED = "afgewezen", _("afgewezen")


class LoanDecision(models.TextChoices):
    FORGIVEN = "kwijtgescholden", _("kwijtgescholden")
    RECLAIMED = "teruggevorderd", _("teruggevorderd")


class GiftStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("aangevraagd")
    APPROVED = "goedgekeurd", _("goedgekeurd")
    REJECTED = "afgewezen", _("afgewezen")
    PAID = "uitbetaald", _("uitbetaald")


class LineKind(models.TextChoices):
    EXPENSE = "uitgaven", _("uitgaven")
    INCOME = "inkomsten", _("inkomsten (baten)")
