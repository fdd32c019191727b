"""Demo data: chain partners of every kind for each demo organisation (with a contact person),
referrals in every state, a reclassering involvement with its conditions, checklists of the
work during detention for RCN Kennemerland (seed 003), an achterblijver per organisation, a year of
three-weekly team meetings for Stichting Kocon (seed 000 §5) and a casusoverleg with lessons
for Leidschendam-Voorburg (seed 001 §7)."""

import datetime
import random

from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.cases.choices import CaseLead, TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.partners import services, services_detention, services_meetings
from terugkeer.partners.choices import (
    MeetingKind,
    PartnerKind,
    ReferralOutcome,
    ReferralStatus,
    TaskStatus,
)

K = PartnerKind
S = ReferralStatus
# Partner names per kind; "{place}" becomes the organisation's region.
PARTNERS = {
    K.PI: "PI Haaglanden",
    K.PROBATION: "Reclassering Nederland, unit {place}",
    K.SOCIAL_CORE_TEAM: "Sociaal Kernteam {place}",
    K.EXODUS: "Exodus Zuid-Holland",
    K.MENTAL_HEALTH: "GGZ Rivierduinen",
    K.ADDICTION_CARE: "Brijder Verslavingszorg",
    K.SAFETY_HOUSE: "Zorg- en Veiligheidshuis {place}",
    K.POLICE: "Politie, wijkagent {place}",
    K.BUDGET_ADMINISTRATOR: "Bewindvoering {place}",
    K.HOUSING_CORPORATION: "Woningcorporatie {place}",
    K.BENEFITS_AGENCY: "Werk en Inkomen {place}",
    K.DAY_ACTIVITIES: "Dagbesteding De Werkplaats",
    K.OTHER: "Schuldhulpmaatje {place}",
}
PLACES = {"lv": "Leidschendam-Voorburg", "kocon": "Katwijk", "rcn": "Kennemerland"}
CONTACTS = ["Petra de Wit", "Mohamed Yilmaz", "Anouk Jansen", "Ruud van Dijk", "Fatima Bakkali"]
# (final state, days ago sent, lead) — one referral per state, and one waiting too long.
REFERRALS = [
    (S.SENT, 3, CaseLead.EXODUS),
    (S.SENT, 16, CaseLead.SOCIAL_CORE_TEAM),
    (S.ACCEPTED, 20, CaseLead.EXODUS),
    (S.REJECTED, 25, CaseLead.SOCIAL_CORE_TEAM),
    (S.STARTED, 40, CaseLead.SOCIAL_CORE_TEAM),
    (S.FINISHED, 80, CaseLead.EXODUS),
]
PATH = {
    S.SENT: [],
    S.ACCEPTED: [S.ACCEPTED],
    S.REJECTED: [S.REJECTED],
    S.STARTED: [S.ACCEPTED, S.STARTED],
    S.FINISHED: [S.ACCEPTED, S.STARTED, S.FINISHED],
}
MEETING_WEEKS = 3
MEETINGS_PER_YEAR = 17


def _member(organisation, role):
    found = (
        Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    return found.user if found else None


def seed(context: dict) -> None:
    rng = random.Random(context["seed"] + 16)
    today = timezone.localdate()
    for slug, organisation in context.get("organisations", {}).items():
        partners = _seed_partners(organisation, PLACES.get(slug, organisation.name), rng)
        coordinator = _member(organisation, Role.COORDINATOR)
        if coordinator is None:
            continue
        _seed_referrals(organisation, partners, coordinator, today)
        chair = _member(organisation, Role.TEAM_CHAIR) or coordinator
        if slug == "rcn":
            _seed_detention_work(organisation, coordinator, today)
        if slug == "kocon":
            _seed_team_meetings(organisation, chair, coordinator, today)
        if slug == "lv":
            services_meetings.meeting_create(
                organisation=organisation,
                kind=MeetingKind.CASE_REVIEW,
                held_on=today - datetime.timedelta(days=30),
                chair=chair,
                attendees=[chair, coordinator],
                topic="Recidive binnen drie maanden na vrijlating",
                notes="Casus besproken met reclassering en SKT.",
                lessons=(
                    "Woningzoekende inschrijven tijdens de detentie, niet erna.\n"
                    "Bij uitval binnen twee weken een huisbezoek met de wijkagent."
                ),
            )


def _seed_partners(organisation, place: str, rng) -> dict:
    partners = {}
    for kind, name in PARTNERS.items():
        partner = services.partner_create(
            organisation=organisation,
            name=name.format(place=place),
            kind=kind,
            phone=f"088 {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        )
        services.contact_create(
            partner=partner,
            full_name=rng.choice(CONTACTS),
            function="casemanager" if kind == K.PI else "contactpersoon",
        )
        partners[kind] = partner
    return partners


def _seed_referrals(organisation, partners, coordinator, today) -> None:
    trajectories = list(
        Trajectory.objects.filter(organisation=organisation)
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("opened_on", "pk")[: len(REFERRALS) + 1]
    )
    for trajectory, (final, days_ago, lead) in zip(trajectories, REFERRALS, strict=False):
        partner = partners[K.EXODUS if lead == CaseLead.EXODUS else K.SOCIAL_CORE_TEAM]
        sent_on = max(trajectory.opened_on, today - datetime.timedelta(days=days_ago))
        referral = services.referral_create(
            trajectory=trajectory,
            partner=partner,
            contact=partner.contacts.first(),
            user=coordinator,
            reason="Begeleiding bij wonen, schulden en dagbesteding na vrijlating.",
            handed_over="Plan van aanpak, triage basisvoorwaarden, D&R-plan van de PI.",
            lead=lead,
            sent_on=sent_on,
        )
        span = (today - sent_on).days
        for position, step in enumerate(PATH[final], start=1):
            on = sent_on + datetime.timedelta(days=span * position // (len(PATH[final]) + 1))
            referral = services.referral_transition(
                referral=referral,
                to_status=step,
                user=coordinator,
                expected_version=referral.version,
                on=on,
                rejection_reason="Geen indicatie voor het SKT." if step == S.REJECTED else "",
                outcome=ReferralOutcome.GOALS_MET if step == S.FINISHED else "",
                result="Woont zelfstandig, schuldhulp loopt." if step == S.FINISHED else "",
            )
    if trajectories:
        services_detention.left_behind_create(
            trajectory=trajectories[0],
            relation="kind",
            description="zoon, 10 jaar",
            support_question="Mist zijn vader; gaat slechter op school.",
            partner=partners[K.SOCIAL_CORE_TEAM],
            referred_on=today - datetime.timedelta(days=10),
            outcome="geholpen",
        )
    if len(trajectories) > len(REFERRALS):
        supervised = trajectories[len(REFERRALS)]
        services.involvement_create(
            trajectory=supervised,
            partner=partners[K.PROBATION],
            contact=partners[K.PROBATION].contacts.first(),
            role="toezicht (voorwaardelijke invrijheidstelling)",
            started_on=supervised.opened_on,
            conditions="Meldplicht elke week; locatieverbod; meewerken aan behandeling Brijder.",
        )


def _seed_detention_work(organisation, coordinator, today) -> None:
    """RCN arranges housing, benefits and debts during detention (seed 003): checklists for
    the running detentions, part of the work done."""
    running = (
        Trajectory.objects.filter(
            organisation=organisation, detention__isnull=False, detention__actual_end__isnull=True
        )
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("opened_on", "pk")[:3]
    )
    for position, trajectory in enumerate(running):
        tasks = services_detention.checklist_create(trajectory=trajectory)
        for task in tasks[: 2 + position]:
            services_detention.task_update(
                task=task,
                expected_version=task.version,
                status=TaskStatus.DONE,
                partner=task.partner,
                note="Geregeld met de casemanager van de PI.",
                done_on=today,
            )


def _seed_team_meetings(organisation, chair, coordinator, today) -> None:
    """A year of three-weekly team meetings up to today, and the next one planned."""
    scope = Scope(user=chair, organisation=organisation, role=Role.TEAM_CHAIR)
    attendees = list({chair.pk: chair, coordinator.pk: coordinator}.values())
    meetings = []
    for number in range(MEETINGS_PER_YEAR, -2, -1):
        held_on = today - datetime.timedelta(weeks=MEETING_WEEKS * number)
        meetings.append(
            services_meetings.meeting_create(
                organisation=organisation,
                kind=MeetingKind.TEAM,
                held_on=held_on,
                chair=chair,
                attendees=attendees if held_on <= today else [],
                notes="" if held_on > today else "Caseload doorgelopen.",
            )
        )
    latest = next(m for m in reversed(meetings) if m.held_on <= today)
    first_open = (
        Trajectory.objects.filter(organisation=organisation)
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("opened_on", "pk")
        .first()
    )
    if first_open is not None:
        services_meetings.decision_record(
            scope=scope,
            meeting=latest,
            trajectory=first_open,
            item_code=f"urgent:{first_open.pk}",
            text="Huisbezoek deze week; Exodus vragen naar een plek.",
            user=chair,
        )
