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
from terugkeer.partners.models import ChecklistItem, DetentionTask, LeftBehind, Partner


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


LEFT_BEHIND_FIELDS = (
    "relation",
    "description",
    "support_question",
    "partner",
    "referred_on",
    "outcome",
    "outcome_on",
)


def _check_left_behind(organisation_id: int, data: dict) -> dict:
    partner = data.get("partner")
    if partner is not None and partner.organisation_id != organisation_id:
        raise ValidationError({"partner": _("Kies een ketenpartner van de eigen organisatie.")})
    if data.get("referred_on") and partner is None:
        raise ValidationError({"partner": _("Naar wie is verwezen? Kies de ketenpartner.")})
    for field in ("referred_on", "outcome_on"):
        if data.get(field) and data[field] > timezone.localdate():
            raise ValidationError({field: _("De datum ligt in de toekomst.")})
    if data.get("outcome") and not data.get("outcome_on"):
        data["outcome_on"] = timezone.localdate()
    if not data.get("outcome"):
        data["outcome_on"] = None
    return data


def left_behind_create(*, trajectory: Trajectory, **data) -> LeftBehind:
    unknown = set(data) - set(LEFT_BEHIND_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    data = _check_left_behind(trajectory.organisation_id, dict(data))
    found = LeftBehind(organisation_id=trajectory.organisation_id, trajectory=trajectory, **data)
    found.full_clean()
    found.save()
    return found


def left_behind_update(*, left_behind: LeftBehind, expected_version: int, changes: dict):
    unknown = set(changes) - set(LEFT_BEHIND_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    current = {f: getattr(left_behind, f) for f in LEFT_BEHIND_FIELDS} | changes
    changes = _check_left_behind(left_behind.organisation_id, current)
    return save_versioned(left_behind, expected_version=expected_version, changes=changes)
