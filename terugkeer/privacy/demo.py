"""Demo data for the privacy officer: two weeks of dossier reads in the access log, with the three
kinds of unusual access (many unassigned dossiers in a day, a shielded dossier read by someone
not assigned, reads outside working hours), and requests of data subjects (one running near its
deadline, one decided), and two retention rules (one awaiting confirmation, one confirmed).

The reads are written straight into the log with their moments: they stand for the colleagues'
work before the demo started (``record_access`` writes the moment of now, and refuses to run in
seed_demo's transaction).
"""

import datetime
import random

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.cases.models import Trajectory
from terugkeer.core.models import AccessLogEntry
from terugkeer.core.roles import Role
from terugkeer.privacy import services
from terugkeer.privacy.choices import RequestKind, RequestStatus

PURPOSE = "dossier bekijken"
PAGE = "dossier:overview"
DAYS = 14
# More than the default threshold of PrivacySettings.max_unassigned_per_day (20).
UNUSUAL_READS = 25


def _moment(day: datetime.date, hour: int, minute: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _users(organisation, role):
    return [
        m.user
        for m in Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user")
        .order_by("user__email")
    ]


def _reads(organisation, rng, today) -> list[tuple[object, Trajectory, datetime.datetime]]:
    trajectories = list(
        Trajectory.objects.filter(organisation=organisation).select_related("client").order_by("pk")
    )
    coordinators = _users(organisation, Role.COORDINATOR)
    chairs = _users(organisation, Role.TEAM_CHAIR)
    reads = []
    # Ordinary work: each coordinator opens a few of their own dossiers on working days.
    for offset in range(DAYS, 0, -1):
        day = today - datetime.timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        for user in coordinators:
            own = [t for t in trajectories if user.pk in (t.coordinator_id, t.substitute_id)]
            for trajectory in rng.sample(own, min(len(own), rng.randint(2, 5))):
                moment = _moment(day, rng.randint(8, 16), rng.randint(0, 59))
                reads.append((user, trajectory, moment))
    yesterday = today - datetime.timedelta(days=1)
    # Unusual: one coordinator opens the dossiers of more clients of colleagues in one afternoon
    # than the organisation's threshold allows.
    unassigned = {}
    for user in coordinators:
        own_clients = {
            t.client_id for t in trajectories if user.pk in (t.coordinator_id, t.substitute_id)
        }
        others = {}
        for t in trajectories:
            if t.client_id not in own_clients and not t.shielded:
                others.setdefault(t.client_id, t)
        unassigned[user] = list(others.values())
    if unassigned:
        user = max(unassigned, key=lambda u: (len(unassigned[u]), -u.pk))
        for index, trajectory in enumerate(unassigned[user][:UNUSUAL_READS]):
            reads.append((user, trajectory, _moment(yesterday, 13 + index // 30, 2 * (index % 30))))
    shielded = [t for t in trajectories if t.shielded]
    if chairs and shielded:
        # Unusual: a shielded dossier read early in the morning by someone not assigned to it.
        reads.append((chairs[0], shielded[0], _moment(yesterday, 6, 40)))
    return reads


def _write(organisation, reads) -> None:
    content_type = ContentType.objects.get_for_model(Trajectory)
    rows = AccessLogEntry.objects.bulk_create(
        AccessLogEntry(
            user=user,
            organisation=organisation,
            subject_type=content_type,
            subject_id=str(trajectory.pk),
            subject_label=str(trajectory)[:200],
            page=PAGE,
            path=reverse(PAGE, kwargs={"trajectory_pk": trajectory.pk}),
            purpose=PURPOSE,
        )
        for user, trajectory, _ in reads
    )
    # ``created_at`` is set on insert; the demo's reads took place earlier.
    for row, (_, _, moment) in zip(rows, reads, strict=True):
        AccessLogEntry.objects.filter(pk=row.pk).update(created_at=moment)


def _requests(organisation, today) -> None:
    officers = _users(organisation, Role.PRIVACY_OFFICER)
    clients = [
        t.client
        for t in Trajectory.objects.filter(organisation=organisation)
        .select_related("client")
        .order_by("pk")[:2]
    ]
    if not officers or len(clients) < 2:
        return
    officer = officers[0]
    services.subject_request_register(
        organisation=organisation,
        user=officer,
        client=clients[0],
        kind=RequestKind.ACCESS,
        received_on=today - datetime.timedelta(days=25),
        description="Brief van de cliënt: wil weten welke gegevens wij over hem hebben.",
    )
    decided = services.subject_request_register(
        organisation=organisation,
        user=officer,
        client=clients[1],
        kind=RequestKind.RECTIFICATION,
        received_on=today - datetime.timedelta(days=60),
        description="Het telefoonnummer in het dossier klopt niet meer.",
    )
    services.subject_request_decide(
        request=decided,
        user=officer,
        expected_version=decided.version,
        status=RequestStatus.GRANTED,
        decision="Telefoonnummer aangepast; cliënt per brief geïnformeerd.",
        decided_on=today - datetime.timedelta(days=50),
    )


def _retention_rules(organisation) -> None:
    """A dossier term awaiting its second pair of eyes, and a confirmed shorter justice term."""
    from terugkeer.core.access import Scope
    from terugkeer.privacy.choices import RetentionKind
    from terugkeer.privacy.retention_services import (
        retention_rule_confirm,
        retention_rule_propose,
    )

    officers = _users(organisation, Role.PRIVACY_OFFICER)
    admins = _users(organisation, Role.FUNCTIONAL_ADMIN)
    if not officers or not admins:
        return
    officer = Scope(user=officers[0], organisation=organisation, role=Role.PRIVACY_OFFICER)
    admin = Scope(user=admins[0], organisation=organisation, role=Role.FUNCTIONAL_ADMIN)
    retention_rule_propose(scope=officer, kind=RetentionKind.DOSSIER, months=60)
    justice = retention_rule_propose(scope=officer, kind=RetentionKind.JUSTICE, months=24)
    retention_rule_confirm(scope=admin, rule=justice, version=justice.version)


def seed(context: dict) -> None:
    rng = random.Random(context["seed"] + 85)
    today = timezone.localdate()
    for organisation in context.get("organisations", {}).values():
        _write(organisation, _reads(organisation, rng, today))
        _requests(organisation, today)
        _retention_rules(organisation)
