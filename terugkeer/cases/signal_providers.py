"""The signals of the trajectory workflow (DESIGN.md section 4), registered from ``CasesConfig``.

Every provider starts from ``visible_to(scope)`` and runs one query, however many trajectories
the scope holds. The 14-day windows count calendar days, holidays included: a release or the
end of aftercare falls on a calendar date, and two weeks' notice stays two weeks around
Christmas. (Only the first-contact deadline counts working days; it is stored on the trajectory.)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Count, IntegerField, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from terugkeer.cases.choices import SETTLED_TRIAGE, Programme, TrajectoryStatus
from terugkeer.cases.models import Action, Domain, DomainAssessment, Trajectory
from terugkeer.cases.selectors import overdue_first_contact_q
from terugkeer.core.access import Scope
from terugkeer.core.signals_registry import Severity, Signal, register, trajectory_signal

WINDOW_DAYS = 14  # calendar days

FIRST_CONTACT_OVERDUE = "eerste_contact_te_laat"
RELEASE_NOT_READY = "vrijlating_basisvoorwaarden_open"
AFTERCARE_ENDING = "nazorg_eindigt"
ACTIONS_OVERDUE = "acties_te_laat"


def _d(day: datetime.date) -> str:
    return date_format(day, "d-m-Y")


def _rows(queryset, *extra: str):
    """The fields every signal needs (no model instances, one query)."""
    return queryset.values(
        "pk",
        "client_id",
        "client__first_names",
        "client__initials",
        "client__prefix",
        "client__surname",
        "coordinator_id",
        "substitute_id",
        *extra,
    )


def _client_name(row: dict) -> str:
    given = row["client__first_names"] or row["client__initials"]
    family = f"{row['client__prefix']} {row['client__surname']}".strip()
    return f"{given} {family}".strip()


def _signal(row: dict, *, code: str, title: str, severity: str, due) -> Signal:
    return trajectory_signal(
        code=code,
        title=title,
        severity=severity,
        due=due,
        trajectory_id=row["pk"],
        client_id=row["client_id"],
        client_name=_client_name(row),
        coordinator_id=row["coordinator_id"],
        substitute_id=row["substitute_id"],
    )


def first_contact_overdue(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    """Aangemeld, no first contact, and the deadline (5 working days) has passed."""
    rows = _rows(
        Trajectory.objects.visible_to(scope).filter(overdue_first_contact_q(today)),
        "first_contact_due",
    )
    for row in rows:
        due = row["first_contact_due"]
        yield _signal(
            row,
            code=FIRST_CONTACT_OVERDUE,
            title=_("Eerste contact te laat (uiterlijk %(date)s)") % {"date": _d(due)},
            severity=Severity.HIGH,
            due=due,
        )


def release_not_ready(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    """Release expected within 14 days while a basisvoorwaarde is missing or unresolved.

    A domain counts as open when its assessment is missing or not settled (``SETTLED_TRIAGE``):
    open = domains of the programme − settled assessments, counted in a subquery.
    """
    domain_count = Domain.objects.filter(programme__code=Programme.AFTERCARE).count()
    if not domain_count:
        return
    settled = (
        DomainAssessment.objects.filter(
            trajectory=OuterRef("pk"),
            status__in=SETTLED_TRIAGE,
            domain__programme__code=Programme.AFTERCARE,
        )
        .order_by()
        .values("trajectory")
        .annotate(n=Count("pk"))
        .values("n")
    )
    queryset = (
        Trajectory.objects.visible_to(scope)
        .open()
        .filter(
            programme=Programme.AFTERCARE,
            released_on__isnull=True,
            detention__expected_end__gte=today,
            detention__expected_end__lte=today + datetime.timedelta(days=WINDOW_DAYS),
        )
        .annotate(
            settled_domains=Coalesce(Subquery(settled, output_field=IntegerField()), Value(0))
        )
        .filter(settled_domains__lt=domain_count)
    )
    for row in _rows(queryset, "detention__expected_end", "settled_domains"):
        due = row["detention__expected_end"]
        open_count = domain_count - row["settled_domains"]
        title = ngettext(
            "Vrijlating op %(date)s, %(n)d basisvoorwaarde niet geregeld",
            "Vrijlating op %(date)s, %(n)d basisvoorwaarden niet geregeld",
            open_count,
        ) % {"date": _d(due), "n": open_count}
        yield _signal(row, code=RELEASE_NOT_READY, title=title, severity=Severity.HIGH, due=due)


def aftercare_ending(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    """Nazorg runs out within 14 days: extend, hand over or close."""
    queryset = Trajectory.objects.visible_to(scope).filter(
        status=TrajectoryStatus.AFTERCARE,
        aftercare_end__gte=today,
        aftercare_end__lte=today + datetime.timedelta(days=WINDOW_DAYS),
    )
    for row in _rows(queryset, "aftercare_end"):
        due = row["aftercare_end"]
        yield _signal(
            row,
            code=AFTERCARE_ENDING,
            title=_("Nazorg eindigt op %(date)s") % {"date": _d(due)},
            severity=Severity.MEDIUM,
            due=due,
        )


def actions_overdue(scope: Scope, today: datetime.date) -> Iterable[Signal]:
    """Open trajectories with plan actions past their due date (one signal per trajectory)."""
    late = Q(actions__done_on__isnull=True, actions__due_date__lt=today)
    queryset = (
        Trajectory.objects.visible_to(scope)
        .open()
        .filter(
            pk__in=Action.objects.filter(done_on__isnull=True, due_date__lt=today).values(
                "trajectory_id"
            )
        )
        .annotate(
            late_actions=Count("actions", filter=late),
            oldest_due=Min("actions__due_date", filter=late),
        )
    )
    for row in _rows(queryset, "late_actions", "oldest_due"):
        title = ngettext(
            "%(n)d actie over de datum",
            "%(n)d acties over de datum",
            row["late_actions"],
        ) % {"n": row["late_actions"]}
        # Past its date is urgent, not "binnenkort" (issue 12).
        yield _signal(
            row, code=ACTIONS_OVERDUE, title=title, severity=Severity.HIGH, due=row["oldest_due"]
        )


PROVIDERS = (first_contact_overdue, release_not_ready, aftercare_ending, actions_overdue)

for _provider in PROVIDERS:
    register(_provider)
