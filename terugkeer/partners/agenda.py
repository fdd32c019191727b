"""The team meeting's agenda items that come from cases, registered with
``core.agenda_registry``: new trajectories, releases, changes in duration, endings and urgent
signals.

Each provider runs one query (the signals provider runs the registered signal providers once),
whatever the caseload. ``since`` is the previous meeting (exclusive), ``until`` this meeting
(inclusive); what is coming up looks ahead ``LOOKAHEAD`` days from this meeting, the usual
three weeks to the next one (``until`` itself counts, ``until + LOOKAHEAD`` does not).
"""

from __future__ import annotations

import datetime

from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.agenda_registry import AgendaItem, register
from terugkeer.core.signals_registry import Severity, signals_for, trajectory_url

LOOKAHEAD = datetime.timedelta(days=21)

NEW, RELEASE, ENDING, URGENT = "nieuw", "vrijlating", "einde", "urgent"
TASKS, DURATION = "detentietaken", "duur"
SECTIONS = {
    NEW: (10, _("Nieuwe meldingen en deelnemers")),
    RELEASE: (20, _("Vrijlatingen")),
    DURATION: (22, _("Wijzigingen in duur")),
    TASKS: (25, _("Werk tijdens detentie nog open bij vrijlating")),
    ENDING: (30, _("Afsluitingen en einde nazorg")),
    URGENT: (40, _("Trajecten met urgente signalen")),
}


def _item(section: str, trajectory: Trajectory, title: str, date) -> AgendaItem:
    order, section_title = SECTIONS[section]
    return AgendaItem(
        section=section,
        section_title=str(section_title),
        section_order=order,
        title=title,
        subject=trajectory.client.display_name,
        url=trajectory_url(trajectory.pk, trajectory.client_id),
        date=date,
        trajectory_id=trajectory.pk,
        client_id=trajectory.client_id,
    )


def _d(value: datetime.date) -> str:
    return date_format(value, "d-m-Y")


def _visible(scope: Scope):
    return Trajectory.objects.visible_to(scope).select_related("client", "detention")


def new_trajectories(scope, since, until, today) -> list[AgendaItem]:
    found = _visible(scope).filter(opened_on__gt=since, opened_on__lte=until)
    return [
        _item(
            NEW,
            t,
            _("Nieuw: %(programme)s, aangemeld %(date)s")
            % {"programme": t.get_programme_display(), "date": _d(t.opened_on)},
            t.opened_on,
        )
        for t in found
    ]


def releases(scope, since, until, today) -> list[AgendaItem]:
    """Released since the last meeting, or expected to be before the next one."""
    items = []
    for t in _visible(scope).open().filter(detention__isnull=False):
        detention = t.detention
        if detention.actual_end and since < detention.actual_end <= until:
            title = _("Vrijgelaten op %(date)s") % {"date": _d(detention.actual_end)}
            items.append(_item(RELEASE, t, title, detention.actual_end))
        elif (
            detention.actual_end is None
            and detention.expected_end
            and until <= detention.expected_end < until + LOOKAHEAD
        ):
            title = _("Verwachte vrijlating %(date)s") % {"date": _d(detention.expected_end)}
            items.append(_item(RELEASE, t, title, detention.expected_end))
    return items


def _changes(history, ids, field: str, since, until) -> dict[int, tuple]:
    """Per object: (value before the period, value at its end) where ``field`` changed in
    (since, until]; one query over the history rows up to ``until``. An object first stored in
    the period has no value before it: it is new, not changed (the "nieuw" section has it)."""
    rows = (
        history.filter(id__in=ids, history_date__date__lte=until)
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", field)
    )
    baseline: dict[int, object] = {}  # the last value stored on or before ``since``
    end: dict[int, object] = {}
    for pk, moment, value in rows:
        if timezone.localdate(moment) <= since:
            baseline[pk] = value
        end[pk] = value
    return {pk: (baseline[pk], end[pk]) for pk in baseline if baseline[pk] != end[pk]}


def _d_or_unknown(value) -> str:
    return _d(value) if value else _("onbekend")


def duration_changes(scope, since, until, today) -> list[AgendaItem]:
    """The expected release date or the end of aftercare of an open trajectory changed since the
    last meeting (seed 000 §7: "wijzigingen in duur"), from the history of both."""
    from terugkeer.detention.models import Detention

    open_ones = _visible(scope).open()
    trajectories = {t.pk: t for t in open_ones}
    by_detention = {t.detention_id: t for t in trajectories.values() if t.detention_id}
    items = []
    releases = _changes(
        Detention.history, open_ones.values("detention_id"), "expected_end", since, until
    )
    for detention_id, (old, new) in releases.items():
        title = _("Verwachte ontslagdatum gewijzigd: %(old)s → %(new)s") % {
            "old": _d_or_unknown(old),
            "new": _d_or_unknown(new),
        }
        items.append(_item(DURATION, by_detention[detention_id], title, new))
    endings_moved = _changes(
        Trajectory.history, open_ones.values("pk"), "aftercare_end", since, until
    )
    for trajectory_id, (old, new) in endings_moved.items():
        title = _("Einde nazorg gewijzigd: %(old)s → %(new)s") % {
            "old": _d_or_unknown(old),
            "new": _d_or_unknown(new),
        }
        items.append(_item(DURATION, trajectories[trajectory_id], title, new))
    return items


def endings(scope, since, until, today) -> list[AgendaItem]:
    """Closed since the last meeting, or aftercare ending before the next one."""
    items = []
    for t in _visible(scope).filter(closed_on__gt=since, closed_on__lte=until):
        title = _("Afgesloten op %(date)s (%(reason)s)") % {
            "date": _d(t.closed_on),
            "reason": t.get_closing_reason_display() or "-",
        }
        items.append(_item(ENDING, t, title, t.closed_on))
    ending_soon = (
        _visible(scope).open().filter(aftercare_end__gte=until, aftercare_end__lt=until + LOOKAHEAD)
    )
    for t in ending_soon:
        title = _("Nazorg loopt af op %(date)s") % {"date": _d(t.aftercare_end)}
        items.append(_item(ENDING, t, title, t.aftercare_end))
    return items


def urgent_signals(scope, since, until, today) -> list[AgendaItem]:
    """One item per trajectory with an urgent signal today, naming its signals."""
    by_trajectory: dict[int, list] = {}
    for signal in signals_for(scope=scope, today=today):
        if signal.severity == Severity.HIGH and signal.trajectory_id:
            by_trajectory.setdefault(signal.trajectory_id, []).append(signal)
    order, section_title = SECTIONS[URGENT]
    return [
        AgendaItem(
            section=URGENT,
            section_title=str(section_title),
            section_order=order,
            title="; ".join(s.title for s in signals),
            subject=signals[0].subject,
            url=signals[0].url,
            date=min((s.due for s in signals if s.due), default=None),
            trajectory_id=trajectory_id,
            client_id=signals[0].client_id,
        )
        for trajectory_id, signals in by_trajectory.items()
    ]


def open_detention_tasks(scope, since, until, today) -> list[AgendaItem]:
    """Release expected before the next meeting while tasks of the detention are still open
    (release readiness: the work during detention, seed 003)."""
    from terugkeer.partners.choices import TaskStatus
    from terugkeer.partners.models import DetentionTask

    tasks = (
        DetentionTask.objects.visible_to(scope)
        .filter(
            status__in=(TaskStatus.OPEN, TaskStatus.REQUESTED),
            detention=F("trajectory__detention"),
            detention__actual_end__isnull=True,
            detention__expected_end__gte=until,
            detention__expected_end__lt=until + LOOKAHEAD,
        )
        .exclude(trajectory__status=TrajectoryStatus.CLOSED)
        .select_related("trajectory__client", "detention")
        .order_by("trajectory_id", "pk")
    )
    by_trajectory: dict[int, list] = {}
    for task in tasks:
        by_trajectory.setdefault(task.trajectory_id, []).append(task)
    return [
        _item(
            TASKS,
            found[0].trajectory,
            _("Vrijlating %(date)s; nog open: %(tasks)s")
            % {
                "date": _d(found[0].detention.expected_end),
                "tasks": ", ".join(task.title for task in found),
            },
            found[0].detention.expected_end,
        )
        for found in by_trajectory.values()
    ]


def register_providers() -> None:
    for provider in (
        new_trajectories,
        releases,
        duration_changes,
        endings,
        urgent_signals,
        open_detention_tasks,
    ):
        register(provider)
