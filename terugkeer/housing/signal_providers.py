"""Housing's signals, registered with ``core.signals_registry`` from ``HousingConfig``.

- ``woning_controle_ontbreekt``: a resident of the Instapwoning without a weekly check for seven
  days or more (counted from the move-in when there was none yet); due on the seventh day;
- ``woning_evaluatie``: a Koconwoning/convenantwoning evaluation within 60 days, or past without
  an outcome.

One provider; an organisation without houses pays one query.
"""

from __future__ import annotations

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.roles import CASEWORK_ROLES
from terugkeer.core.signals_registry import Severity, Signal, register, trajectory_signal
from terugkeer.housing import selectors

CHECK_OVERDUE = "woning_controle_ontbreekt"
EVALUATION_DUE = "woning_evaluatie"


def _for(trajectory, **kwargs) -> Signal:
    return trajectory_signal(
        trajectory_id=trajectory.pk,
        client_id=trajectory.client_id,
        client_name=trajectory.client.display_name,
        coordinator_id=trajectory.coordinator_id,
        substitute_id=trajectory.substitute_id,
        **kwargs,
    )


def housing_signals(scope: Scope, today: datetime.date) -> list[Signal]:
    if not selectors.has_housing(scope=scope):
        return []
    signals = []
    for overdue in selectors.checks_overdue(scope=scope, today=today):
        signals.append(
            _for(
                overdue.stay.trajectory,
                code=CHECK_OVERDUE,
                title=_("Geen wekelijkse controle in %(unit)s sinds %(date)s")
                % {"unit": overdue.stay.unit.name, "date": date_format(overdue.since, "d-m-Y")},
                severity=Severity.HIGH if overdue.due < today else Severity.MEDIUM,
                due=overdue.due,
            )
        )
    for allocation in selectors.evaluations_due(scope=scope, today=today):
        signals.append(
            _for(
                allocation.trajectory,
                code=EVALUATION_DUE,
                title=_("Evaluatie %(unit)s op %(date)s")
                % {
                    "unit": allocation.unit.name,
                    "date": date_format(allocation.evaluation_on, "d-m-Y"),
                },
                severity=Severity.HIGH if allocation.evaluation_on <= today else Severity.LOW,
                due=allocation.evaluation_on,
            )
        )
    return signals


register(housing_signals, roles=CASEWORK_ROLES)
