"""Writes of retention: proposing, confirming (four eyes) and ending rules, and running them.

A rule runs only after a second person confirmed it: the privacy officer or functional admin
who proposed it cannot. The daily task (``manage.py run_daily``, through the task queue) runs
every active, confirmed rule; each run is recorded with counts only (``RetentionRun``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from terugkeer.core.access import Scope
from terugkeer.core.locking import save_versioned
from terugkeer.core.roles import Role
from terugkeer.privacy.models_retention import RetentionRule, RetentionRun
from terugkeer.privacy.retention import client_anonymise, due_clients

RULE_ROLES = frozenset({Role.PRIVACY_OFFICER, Role.FUNCTIONAL_ADMIN})


def _require_role(scope: Scope) -> None:
    if scope.role not in RULE_ROLES:
        raise ValidationError(
            _("Alleen een privacy officer of functioneel beheerder beheert bewaarregels.")
        )


def retention_rule_propose(*, scope: Scope, kind: str, months: int) -> RetentionRule:
    """Propose a rule; it runs once a second person has confirmed it."""
    _require_role(scope)
    rule = RetentionRule(
        organisation=scope.organisation, kind=kind, months=months, created_by=scope.user
    )
    rule.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError as exc:
        raise ValidationError(
            {
                "kind": _(
                    "Er is al een actieve bewaarregel voor deze soort gegevens; beëindig die eerst."
                )
            }
        ) from exc
    return rule


def retention_rule_confirm(*, scope: Scope, rule: RetentionRule, version: int) -> RetentionRule:
    """The second pair of eyes: confirm a proposed rule, so its first run may happen."""
    _require_role(scope)
    if rule.created_by_id == scope.user.pk:
        raise ValidationError(
            _(
                "U hebt deze bewaarregel zelf voorgesteld. Een tweede privacy officer of "
                "functioneel beheerder moet hem bevestigen (vier ogen)."
            )
        )
    if not rule.active:
        raise ValidationError(_("Deze bewaarregel is beëindigd."))
    if rule.confirmed:
        raise ValidationError(_("Deze bewaarregel is al bevestigd."))
    return save_versioned(
        rule,
        expected_version=version,
        changes={"confirmed_by": scope.user, "confirmed_at": timezone.now()},
    )


def retention_rule_end(*, scope: Scope, rule: RetentionRule, version: int) -> RetentionRule:
    """End a rule (it no longer runs); what it anonymised stays anonymised."""
    _require_role(scope)
    if not rule.active:
        raise ValidationError(_("Deze bewaarregel is al beëindigd."))
    return save_versioned(rule, expected_version=version, changes={"active": False})


def retention_run(
    *, rule: RetentionRule, today: datetime.date, user=None, dry_run: bool = False
) -> RetentionRun:
    """Run ``rule`` on ``today``: anonymise every due client, one transaction each.

    A dry run records how many clients and rows would go and changes nothing else.
    """
    if not dry_run and not (rule.active and rule.confirmed):
        raise ValidationError(_("Deze bewaarregel is niet actief of nog niet bevestigd."))
    run = RetentionRun.objects.create(
        organisation_id=rule.organisation_id,
        rule=rule,
        run_on=today,
        started_at=timezone.now(),
        dry_run=dry_run,
        started_by=user,
    )
    if dry_run:
        from terugkeer.privacy.retention import preview

        shown = preview(rule, today=today)
        run.client_count = shown["client_count"]
        run.counts = shown["counts"]
        run.trajectory_ids = [row["pk"] for row in shown["trajectories"]]
    else:
        counts: dict[str, int] = {}
        trajectory_ids: list[int] = []
        for client_id in list(due_clients(rule, today=today).values_list("pk", flat=True)):
            outcome = client_anonymise(client_id=client_id, kind=rule.kind, run=run)
            if outcome is None:
                continue
            run.client_count += 1
            trajectory_ids += outcome.trajectory_ids
            for label, number in outcome.counts.items():
                counts[label] = counts.get(label, 0) + number
        run.counts = counts
        run.trajectory_ids = sorted(trajectory_ids)
    run.finished_at = timezone.now()
    run.save(update_fields=["client_count", "counts", "trajectory_ids", "finished_at"])
    return run


def retention_run_due(*, organisation_id: int, today: datetime.date) -> list[RetentionRun]:
    """The daily work of one organisation: run each active, confirmed rule (idempotent)."""
    rules = RetentionRule.objects.filter(
        organisation_id=organisation_id, active=True, confirmed_by__isnull=False
    ).order_by("kind", "pk")
    return [retention_run(rule=rule, today=today) for rule in rules]
