"""Signals of the interventions app: a condition check that is due, a budget line past 90 %."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _

from terugkeer.core.roles import CASEWORK_ROLES, Role
from terugkeer.core.signals_registry import Severity, Signal, register, trajectory_signal
from terugkeer.interventions import selectors

BUDGET_WARNING_SHARE = Decimal("90")


@register(roles=CASEWORK_ROLES)
def condition_check_due(scope, today):
    """An unchecked condition of a running request, to be checked within a week (or overdue)."""
    signals = []
    for condition in selectors.conditions_due(scope=scope, today=today):
        trajectory = condition.request.trajectory
        signals.append(
            trajectory_signal(
                code="intervention_condition_due",
                title=_("Voorwaarde controleren: %(text)s") % {"text": condition.description},
                severity=Severity.HIGH if condition.check_on < today else Severity.MEDIUM,
                due=condition.check_on,
                trajectory_id=trajectory.pk,
                client_id=trajectory.client_id,
                client_name=trajectory.client.display_name,
                coordinator_id=trajectory.coordinator_id,
                substitute_id=trajectory.substitute_id,
            )
        )
    return signals


@register(roles=frozenset({Role.TEAM_CHAIR}))
def budget_line_nearly_spent(scope, today):
    """For the team chair: an expense line of this year whose realisation passed 90 %."""
    from terugkeer.interventions.choices import LineKind

    signals = []
    for row in selectors.budget_rows(organisation=scope.organisation, year=today.year):
        line = row["line"]
        if line.kind != LineKind.EXPENSE or row["share"] is None:
            continue
        if row["share"] > BUDGET_WARNING_SHARE:
            signals.append(
                Signal(
                    code="budget_line_90",
                    title=_("Kostenpost voor %(share)s%% besteed") % {"share": int(row["share"])},
                    severity=Severity.HIGH if row["share"] >= 100 else Severity.MEDIUM,
                    due=None,
                    subject=line.name,
                    url=reverse("interventions:budget") + f"?jaar={line.year}",
                    assignee_ids=frozenset({scope.user.pk}),
                )
            )
    return signals
