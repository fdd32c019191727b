"""Partners' signal, registered with ``core.signals_registry`` from ``PartnersConfig``.

``verwijzing_zonder_antwoord``: a referral still ``verstuurd`` after the organisation's number of
calendar days (``PartnerSettings.referral_answer_days``, default 10): sent on D, due on D + N,
shown from D + N + 1. One query for the setting, one for the referrals.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.signals_registry import Severity, Signal, register, trajectory_signal
from terugkeer.partners import selectors

REFERRAL_UNANSWERED = "verwijzing_zonder_antwoord"


@register
def referral_signals(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    for referral, days in selectors.unanswered_referrals(scope=scope, today=today):
        trajectory = referral.trajectory
        yield trajectory_signal(
            code=REFERRAL_UNANSWERED,
            title=_("Verwijzing naar %(partner)s van %(date)s: na %(days)s dagen geen antwoord")
            % {
                "partner": referral.partner.name,
                "date": date_format(referral.sent_on, "d-m-Y"),
                "days": days,
            },
            severity=Severity.MEDIUM,
            due=referral.sent_on + datetime.timedelta(days=days),
            trajectory_id=trajectory.pk,
            client_id=trajectory.client_id,
            client_name=trajectory.client.display_name,
            coordinator_id=trajectory.coordinator_id,
            substitute_id=trajectory.substitute_id,
        )
