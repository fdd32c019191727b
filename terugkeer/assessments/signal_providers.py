"""The ZRM follow-up signal (1-meting due), registered from ``AssessmentsConfig``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from terugkeer.assessments.selectors import zrm_followups_due
from terugkeer.core.access import Scope
from terugkeer.core.signals_registry import Severity, Signal, register, trajectory_signal

ZRM_FOLLOWUP_DUE = "zrm_vervolgmeting"


def zrm_followup_due(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    """One signal per open trajectory whose ZRM 1-meting is due (a fixed number of queries)."""
    for followup in zrm_followups_due(scope=scope, today=today):
        trajectory = followup.trajectory
        yield trajectory_signal(
            code=ZRM_FOLLOWUP_DUE,
            title=_("ZRM-vervolgmeting nodig (sinds %(date)s)")
            % {"date": date_format(followup.due_on, "d-m-Y")},
            severity=Severity.LOW,
            due=followup.due_on,
            trajectory_id=trajectory.pk,
            client_id=trajectory.client_id,
            client_name=trajectory.client.display_name,
            coordinator_id=trajectory.coordinator_id,
            substitute_id=trajectory.substitute_id,
        )


register(zrm_followup_due)
