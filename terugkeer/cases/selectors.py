"""Reads of trajectories: one for an action, and the worklists. All start from ``visible_to``."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from terugkeer.accounts.models import Municipality, User
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Action, Scope, get_visible_or_404, require_stated_reason
from terugkeer.core.roles import CASEWORK_ROLES, Role

READ_ONLY_MESSAGE = _(
    "U kunt dit traject lezen, maar niet wijzigen: casuïstiek wijzigen is aan de coördinator."
)


INTAKE_READ_ONLY_MESSAGE = _(
    "U kunt meldingen en trajecten lezen, maar niet registreren, importeren of openen: dat is "
    "aan de coördinator."
)


CLOSED_MESSAGE = _(
    "Dit traject is afgesloten en kan niet meer worden gewijzigd. Heropen het traject op het "
    "overzicht (met een reden) om verder te werken."
)


def refusal_message(trajectory: Trajectory) -> str:
    """Why a reader may not change this trajectory (or a row of it): closed, or not theirs."""
    return CLOSED_MESSAGE if trajectory.status == TrajectoryStatus.CLOSED else READ_ONLY_MESSAGE


def require_action(scope, row, *, trajectory: Trajectory, action: str = Action.CHANGE) -> None:
    """403 with the reason when the scope, which can read ``row``, may not do ``action`` with it.

    ``row`` is the trajectory or a row of it (its rule follows the trajectory).
    """
    if action != Action.VIEW and not scope.can(action, row):
        raise PermissionDenied(refusal_message(trajectory))


def trajectory_for(scope, pk, *, action: str = Action.VIEW) -> Trajectory:
    """The trajectory ``pk`` for ``action``: 404 if not visible, 403 if visible but not this;
    a shielded dossier read beyond the reader's assignment first asks for a stated reason
    (``core.access.ReasonRequired``, see ``cases/break_glass.py``)."""
    visible = Trajectory.objects.visible_to(scope).select_related(
        "client",
        "coordinator",
        "substitute",
        "municipality",
        "detention__institution",
        "organisation",
    )
    trajectory = get_visible_or_404(visible, pk=pk)
    require_action(scope, trajectory, trajectory=trajectory, action=action)
    return require_stated_reason(scope, trajectory)


def overdue_first_contact_q(today: datetime.date) -> Q:
    """Registered, first contact not made, and its deadline has passed."""
    return Q(
        status=TrajectoryStatus.REGISTERED,
        first_contact_on__isnull=True,
        first_contact_due__lt=today,
    )


def worklist_base(*, scope: Scope | None, today: datetime.date | None = None) -> QuerySet:
    """Trajectories of the scope with everything a worklist row shows, in one query.

    ``is_overdue`` marks rows whose first contact is past due.
    """
    today = today or timezone.localdate()
    return (
        Trajectory.objects.visible_to(scope)
        .select_related("client", "municipality", "coordinator", "detention__institution")
        .annotate(
            is_overdue=Case(
                When(overdue_first_contact_q(today), then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
    )


def new_notifications(*, scope: Scope | None, today: datetime.date | None = None) -> QuerySet:
    """Nieuwe meldingen: registered trajectories; the queue (no coordinator) first, then by due."""
    return (
        worklist_base(scope=scope, today=today)
        .filter(status=TrajectoryStatus.REGISTERED)
        .order_by(
            Case(When(coordinator__isnull=True, then=Value(0)), default=Value(1)),
            F("first_contact_due").asc(nulls_last=True),
            "opened_on",
            "pk",
        )
    )


def my_caseload(*, scope: Scope | None, today: datetime.date | None = None) -> QuerySet:
    """Mijn caseload: the user's open trajectories, overdue ones first, then by client name."""
    if scope is None:
        return Trajectory.objects.none()
    return (
        worklist_base(scope=scope, today=today)
        .open()
        .filter(coordinator=scope.user)
        .order_by("-is_overdue", "client__surname", "client__first_names", "pk")
    )


def all_trajectories(*, scope: Scope | None, today: datetime.date | None = None) -> QuerySet:
    """Alle trajecten, newest first (the filters narrow and may re-sort)."""
    return worklist_base(scope=scope, today=today).order_by("-opened_on", "-pk")


def casework_users(*, scope: Scope | None) -> QuerySet[User]:
    """Users with an active casework membership in the organisation (coordinator choices)."""
    if scope is None:
        return User.objects.none()
    return (
        User.objects.filter(
            memberships__organisation=scope.organisation,
            memberships__role__in=CASEWORK_ROLES,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def organisation_municipalities(*, scope: Scope | None) -> QuerySet[Municipality]:
    if scope is None:
        return Municipality.objects.none()
    return scope.organisation.municipalities.order_by("name")


def assignable_coordinators(*, scope: Scope | None) -> QuerySet[User]:
    """Who may receive cases: an active coordinator, or a team chair who is also one."""
    if scope is None:
        return User.objects.none()
    return (
        User.objects.filter(
            Q(memberships__role=Role.COORDINATOR)
            | Q(memberships__role=Role.TEAM_CHAIR, memberships__also_coordinator=True),
            memberships__organisation=scope.organisation,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "pk")
    )
