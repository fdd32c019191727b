"""Writes on the plan van aanpak: goals, actions and applying a plan template.

Every function is keyword-only and atomic; edits of goals and actions use optimistic locking
(``save_versioned``), so a stale form is refused and django-simple-history records old and new.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.cases.choices import PlanAnchor, Programme, TrajectoryStatus, TriageStatus
from terugkeer.cases.models import Action, Domain, DomainAssessment, Goal, PlanTemplate, Trajectory
from terugkeer.cases.services import _change_status, _locked
from terugkeer.core.locking import StaleObjectError, save_versioned


def _check_domain(trajectory: Trajectory, domain: Domain | None) -> None:
    if domain is not None and domain.programme.code != trajectory.programme:
        raise ValidationError(_("Dit domein hoort niet bij het programma van dit traject."))


def _check_goal(trajectory: Trajectory, goal: Goal | None) -> None:
    if goal is not None and goal.trajectory_id != trajectory.pk:
        raise ValidationError(_("Dit doel hoort niet bij dit traject."))


def _locked_current(instance, expected_version: int):
    current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if current.version != expected_version:
        raise StaleObjectError(current)
    return current


@transaction.atomic
def goal_create(*, trajectory: Trajectory, description: str, domain: Domain | None = None) -> Goal:
    """Add a goal to the plan, usually for one domain of the trajectory's programme."""
    _check_domain(trajectory, domain)
    goal = Goal(trajectory=trajectory, domain=domain, description=description)
    goal.full_clean()
    goal.save()
    return goal


@transaction.atomic
def goal_update(
    *,
    goal: Goal,
    expected_version: int,
    description: str,
    domain: Domain | None = None,
    achieved_on: datetime.date | None = None,
) -> Goal:
    """Change a goal if nobody else changed it since ``expected_version``."""
    _check_domain(goal.trajectory, domain)
    return save_versioned(
        goal,
        expected_version=expected_version,
        changes={"description": description, "domain": domain, "achieved_on": achieved_on},
    )


@transaction.atomic
def goal_delete(*, goal: Goal, expected_version: int) -> None:
    """Remove a goal; its actions stay in the plan, without a goal."""
    _locked_current(goal, expected_version).delete()


@transaction.atomic
def action_create(
    *,
    trajectory: Trajectory,
    description: str,
    owner: str = "",
    due_date: datetime.date | None = None,
    domain: Domain | None = None,
    goal: Goal | None = None,
    done_on: datetime.date | None = None,
) -> Action:
    """Add an action: what, who, by when. Without a domain it takes the goal's domain."""
    _check_goal(trajectory, goal)
    if domain is None and goal is not None:
        domain = goal.domain
    _check_domain(trajectory, domain)
    action = Action(
        trajectory=trajectory,
        goal=goal,
        domain=domain,
        description=description,
        owner=owner,
        due_date=due_date,
        done_on=done_on,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    expected_version: int,
    description: str,
    owner: str = "",
    due_date: datetime.date | None = None,
    domain: Domain | None = None,
    goal: Goal | None = None,
    done_on: datetime.date | None = None,
) -> Action:
    """Change an action if nobody else changed it since ``expected_version``."""
    _check_goal(action.trajectory, goal)
    if domain is None and goal is not None:
        domain = goal.domain
    _check_domain(action.trajectory, domain)
    return save_versioned(
        action,
        expected_version=expected_version,
        changes={
            "description": description,
            "owner": owner,
            "due_date": due_date,
            "domain": domain,
            "goal": goal,
            "done_on": done_on,
        },
    )


@transaction.atomic
def action_complete(
    *, action: Action, expected_version: int, done_on: datetime.date | None = None
) -> Action:
    """Mark an action as done (today unless ``done_on`` is given)."""
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError(_("Een actie kan niet in de toekomst gedaan zijn."), code="future")
    return save_versioned(action, expected_version=expected_version, changes={"done_on": done_on})


@transaction.atomic
def action_delete(*, action: Action, expected_version: int) -> None:
    _locked_current(action, expected_version).delete()


def anchor_date(
    trajectory: Trajectory, anchor: str, *, applied_on: datetime.date
) -> datetime.date | None:
    """The date a template action counts from; None when it is not known (yet)."""
    detention = trajectory.detention
    if anchor == PlanAnchor.DETENTION_START:
        return detention.start_date if detention else None
    if anchor == PlanAnchor.RELEASE:
        return trajectory.released_on or (detention.expected_end if detention else None)
    return applied_on


@dataclass(frozen=True)
class AppliedAction:
    action: Action | None  # None: skipped, the domain needs nothing
    note: str  # Dutch; empty when the due date could be computed from the template


# Triage that leaves nothing to do in a domain: a template action for it is not added.
NOTHING_TO_DO = frozenset({TriageStatus.ARRANGED, TriageStatus.NO_NEED})


@transaction.atomic
def plan_template_apply(
    *,
    trajectory: Trajectory,
    template: PlanTemplate,
    applied_on: datetime.date | None = None,
) -> list[AppliedAction]:
    """Copy each action of ``template`` into the plan, due at its anchor date + offset.

    An action whose anchor date is unknown (no detention, no (expected) release) gets no due date
    and a note saying so, for the coordinator to fill in later. An action whose date has already
    passed is due on ``applied_on`` (not late the moment it is made), with a note. An action for
    a domain triaged "geregeld" or "geen hulpvraag" is not added.
    """
    if template.organisation_id != trajectory.organisation_id:
        raise ValidationError(_("Dit sjabloon hoort niet bij uw organisatie."))
    if template.programme != trajectory.programme:
        raise ValidationError(_("Dit sjabloon hoort bij een ander programma."))
    if not template.is_active:
        raise ValidationError(_("Dit sjabloon is niet meer in gebruik."))
    applied_on = applied_on or timezone.localdate()
    settled = dict(
        DomainAssessment.objects.filter(
            trajectory=trajectory, status__in=NOTHING_TO_DO
        ).values_list("domain_id", "status")
    )
    applied = []
    for item in template.actions.select_related("domain__programme").order_by("order", "pk"):
        if item.domain_id in settled:
            applied.append(
                AppliedAction(
                    action=None,
                    note=_("Niet toegevoegd: '%(action)s' (%(domain)s is %(status)s).")
                    % {
                        "action": item.description,
                        "domain": item.domain.name,
                        "status": TriageStatus(settled[item.domain_id]).label,
                    },
                )
            )
            continue
        start = anchor_date(trajectory, item.anchor, applied_on=applied_on)
        due = start + datetime.timedelta(days=item.offset_days) if start else None
        note = ""
        if start is None:
            note = _(
                "Geen termijn voor '%(action)s': de %(anchor)s is nog niet bekend. "
                "Vul de datum later zelf in."
            ) % {"action": item.description, "anchor": PlanAnchor(item.anchor).label}
        elif due < applied_on:
            note = _(
                "'%(action)s' had volgens het sjabloon al op %(date)s klaar moeten zijn: de "
                "uiterlijke datum is vandaag."
            ) % {"action": item.description, "date": due.strftime("%d-%m-%Y")}
            due = applied_on
        action = action_create(
            trajectory=trajectory,
            description=item.description,
            owner=item.owner,
            due_date=due,
            domain=item.domain,
        )
        applied.append(AppliedAction(action=action, note=note))
    return applied


# The status the agreed plan moves a trajectory to, per programme, and from where.
PLAN_AGREED = {
    Programme.AFTERCARE: (frozenset({TrajectoryStatus.INTAKE}), TrajectoryStatus.PLAN),
    Programme.REINTEGRATION: (
        frozenset({TrajectoryStatus.INTAKE, TrajectoryStatus.GUIDANCE_PLAN}),
        TrajectoryStatus.GUIDANCE,
    ),
}


@transaction.atomic
def plan_agree(
    *,
    trajectory: Trajectory,
    agreed_on: datetime.date,
    user,
    expected_version: int,
) -> Trajectory:
    """Record that client and coordinator agreed the plan; the status follows the work (nazorg:
    intake → plan van aanpak; re-integratie: to begeleiding) when it is at the step before."""
    if agreed_on > timezone.localdate():
        raise ValidationError(_("De datum van het akkoord kan niet in de toekomst liggen."))
    current = _locked(trajectory, expected_version)
    if current.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten."))
    if not Goal.objects.filter(trajectory=current).exists():
        raise ValidationError(
            _("Een plan zonder doelen kan niet akkoord zijn: voeg eerst een doel toe.")
        )
    current.plan_agreed_on = agreed_on
    before, target = PLAN_AGREED.get(current.programme, (frozenset(), None))
    if current.status in before:
        _change_status(
            current, to_status=target, effective_on=agreed_on, user=user, note=_("Plan akkoord.")
        )
    else:
        current.version += 1
    current.save()
    return current
