"""The privacy officer's signals: unusual access (yesterday and today) and requests of data
subjects whose term ends within 7 days or has passed. Registered on import from ``ready()``."""

import datetime

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import Severity, Signal, register
from terugkeer.privacy import alerts, selectors

PRIVACY_OFFICER = frozenset({Role.PRIVACY_OFFICER})
SEVERITY = {
    alerts.BREAK_GLASS: Severity.HIGH,
    alerts.SHIELDED: Severity.HIGH,
    alerts.MANY_UNASSIGNED: Severity.MEDIUM,
    alerts.AFTER_HOURS: Severity.LOW,
}
DUE_SOON_DAYS = 7


def alerts_url(day: datetime.date) -> str:
    return f"{reverse('privacy:alerts')}?{urlencode({'dag': day.isoformat()})}"


@register(roles=PRIVACY_OFFICER)
def unusual_access(scope, today) -> list[Signal]:
    """Yesterday's and today's alerts (a read late at night is seen the next morning)."""
    found = []
    for day in (today - datetime.timedelta(days=1), today):
        for alert in alerts.alerts_for_day(scope=scope, day=day):
            found.append(
                Signal(
                    code=f"privacy_{alert.kind}",
                    title=alert.title,
                    severity=SEVERITY[alert.kind],
                    due=day,
                    subject=alert.user_name,
                    url=alerts_url(day),
                    assignee_ids=frozenset({scope.user.pk}),
                    client_id=alert.client_id,
                )
            )
    return found


@register(roles=PRIVACY_OFFICER)
def request_deadlines(scope, today) -> list[Signal]:
    """Open requests whose term ends within 7 days (binnenkort) or has passed (urgent)."""
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    found = []
    for request in selectors.open_requests(scope=scope).filter(deadline__lte=soon):
        overdue = request.deadline < today
        title = (
            _("Termijn verstreken: %(kind)s")
            if overdue
            else _("Termijn verloopt binnenkort: %(kind)s")
        ) % {"kind": request.get_kind_display()}
        found.append(
            Signal(
                code="privacy_request_overdue" if overdue else "privacy_request_due",
                title=title,
                severity=Severity.HIGH if overdue else Severity.MEDIUM,
                due=request.deadline,
                subject=str(request.client),
                url=reverse("privacy:request_detail", args=[request.pk]),
                assignee_ids=frozenset({scope.user.pk}),
                client_id=request.client_id,
            )
        )
    return found
