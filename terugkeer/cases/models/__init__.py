"""Models of the cases app (split by topic; import them from here)."""

from terugkeer.cases.models.break_glass import BreakGlassAccess
from terugkeer.cases.models.dossier import Contact, DomainAssessment, DomainSnapshot
from terugkeer.cases.models.plan import Action, Goal, PlanTemplate, PlanTemplateAction
from terugkeer.cases.models.trajectory import (
    DefaultCoordinator,
    Domain,
    ProgrammeDefinition,
    StatusChange,
    Trajectory,
    TrajectoryQuerySet,
)

__all__ = [
    "Action",
    "BreakGlassAccess",
    "Contact",
    "DefaultCoordinator",
    "Domain",
    "DomainAssessment",
    "DomainSnapshot",
    "Goal",
    "PlanTemplate",
    "PlanTemplateAction",
    "ProgrammeDefinition",
    "StatusChange",
    "Trajectory",
    "TrajectoryQuerySet",
]
