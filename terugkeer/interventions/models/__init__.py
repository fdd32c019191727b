"""Models of the interventions app (alternatieve maatregelen, Noodfonds, budgets)."""

from terugkeer.interventions.models.budget import BudgetLine
from terugkeer.interventions.models.catalogue import InterventionType
from terugkeer.interventions.models.gift import EmergencyGift
from terugkeer.interventions.models.request import (
    Condition,
    InterventionRequest,
    Payment,
    RequestStatusChange,
)

__all__ = [
    "BudgetLine",
    "Condition",
    "EmergencyGift",
    "InterventionRequest",
    "InterventionType",
    "Payment",
    "RequestStatusChange",
]
