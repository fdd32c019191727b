"""Writes of the work during detention: the checklist from the template, and each task's status."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.accounts.models import Organisation
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.locking import save_versioned
from terugkeer.partners.choices import DEFAULT_DETENTION_TASKS, TaskStatus
from terugkeer.partners.models import ChecklistItem, DetentionTask, Partner


def checklist_template(organisation: Organisation) -> list[tuple[str, str]]:
    """The organisation's checklist (title, usual partner kind), or the default of seed 003."""
    own = ChecklistItem.objects.filter(organisation=organisation, is_active=True)
    found = [(item.title, item.partner_kind) for item in own]
    return found or list(DEFAULT_DETENTION_TASKS)


def checklist_create(*, trajectory: Trajectory) -> list[DetentionTask]:
    """Add the template's tasks to the trajectory's current detention (those not there yet)."""
    if trajectory.status == TrajectoryStatus.CLOSED:
        raise ValidationError(_("Dit traject is afgesloten."))
    detention = trajectory.detention
    if detention is None or detention.actual_end is not None:
        raise ValidationError(_("Dit traject heeft geen lopende detentie."))
    partners: dict[str, Partner] = {}
    for partner in Partner.objects.filter(
        organisation_id=trajectory.organisation_id, is_active=True
    ).order_by("name", "pk"):
        partners.setdefault(partner.kind, partner)
    present = set(DetentionTask.objects.filter(detention=detention).values_list("title", flat=True))
    created = []
    try:
        with transaction.atomic():
            for title, kind in checklist_template(trajectory.organisation):
                if title in present:
                    continue
                created.append(
                    DetentionTask.objects.create(
                        organisation_id=trajectory.organisation_id,
                        trajectory=trajectory,
                        detention=detention,
                        title=title,
                        partner=partners.get(kind),
                    )
                )
    except IntegrityError as exc:  # a colleague made the checklist at the same moment
        raise ValidationError(_("De checklist is intussen al aangemaakt.")) from exc
    return created


def task_update(
    *,
    task: DetentionTask,
    expected_version: int,
    status: str,
    partner: Partner | None = None,
    note: str = "",
    done_on: datetime.date | None = None,
) -> DetentionTask:
    if partner is not None and partner.organisation_id != task.organisation_id:
        raise ValidationError({"partner": _("Kies een ketenpartner van de eigen organisatie.")})
    if status == TaskStatus.DONE:
        done_on = done_on or timezone.localdate()
        if done_on > timezone.localdate():
            raise ValidationError({"done_on": _("De datum ligt in de toekomst.")})
    else:
        done_on = None
    return save_versioned(
        task,
        expected_version=expected_version,
        changes={"status": status, "partner": partner, "note": note.strip(), "done_on": done_on},
    )
