"""Demo data for Stichting Kocon's Kaartenproject and activities (seed 000 §6.1–6.4).

Consent for most open trajectories (one withdrawn last month, a few who never consented), the
cards of the last three months marked sent (this month's list still to send), and a season of
walks: every week for twelve weeks with the walking club, participants and active mentors,
plus a monthly cooking workshop and budget coaching.
"""

import datetime
import random

from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.activities import services
from terugkeer.activities.choices import ActivityKind, ConsentChange
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import scope_for
from terugkeer.core.roles import Role
from terugkeer.mentoring.choices import MentorStatus
from terugkeer.mentoring.models import Mentor

ORGANISATION_SLUG = "kocon"


def seed(context: dict) -> None:
    organisation = context.get("organisations", {}).get(ORGANISATION_SLUG)
    if organisation is None:
        return
    membership = (
        Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR, is_active=True)
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    if membership is None:
        return
    user, scope = membership.user, scope_for(membership.user, membership)
    rng = random.Random(context["seed"] + 17)
    today = timezone.localdate()
    trajectories = list(
        Trajectory.objects.filter(organisation=organisation)
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("opened_on", "pk")
    )
    first_month = (today.replace(day=1) - datetime.timedelta(days=80)).replace(day=1)
    consenting = trajectories[: max(0, len(trajectories) - 3)]  # the last three never consent
    for index, trajectory in enumerate(consenting):
        services.consent_record(
            trajectory=trajectory,
            user=user,
            change=ConsentChange.GIVEN,
            on=first_month - datetime.timedelta(days=rng.randint(1, 60)),
            note="Mondeling gevraagd bij het PI-bezoek." if index % 2 else "",
        )
    withdrawn = consenting[-1] if consenting else None
    if withdrawn is not None:
        services.consent_record(
            trajectory=withdrawn,
            user=user,
            change=ConsentChange.WITHDRAWN,
            on=today.replace(day=1) - datetime.timedelta(days=20),
            note="Wil liever geen post meer.",
        )
    month = first_month
    while month < today.replace(day=1):
        services.cards_mark_sent(
            scope=scope,
            month=month,
            trajectory_ids=[t.pk for t in consenting],
            user=user,
            sent_on=month + datetime.timedelta(days=4),
        )
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    _seed_sessions(rng, organisation, user, trajectories, today)


def _seed_sessions(rng, organisation, user, trajectories, today) -> None:
    mentors = list(Mentor.objects.filter(organisation=organisation, status=MentorStatus.ACTIVE))
    for week in range(12, 0, -1):
        held_on = today - datetime.timedelta(weeks=week)
        services.session_record(
            organisation=organisation,
            user=user,
            kind=ActivityKind.WALKING,
            title="Wandelproject: duinen en strand",
            held_on=held_on,
            place=rng.choice(["Katwijk, Noordduinen", "Berkheide", "Boulevard Katwijk"]),
            partner="Wandelvereniging De Duinlopers",
            participants=rng.sample(trajectories, min(len(trajectories), rng.randint(3, 6))),
            mentors=rng.sample(mentors, min(len(mentors), rng.randint(1, 2))),
        )
        if week % 4 == 0:
            for kind, title, place in (
                (ActivityKind.COOKING, "Koken voor weinig", "Buurthuis De Hoek"),
                (ActivityKind.BUDGET, "Budgetcoaching in de groep", "Kantoor Kocon"),
            ):
                services.session_record(
                    organisation=organisation,
                    user=user,
                    kind=kind,
                    title=title,
                    held_on=held_on + datetime.timedelta(days=2),
                    place=place,
                    participants=rng.sample(
                        trajectories, min(len(trajectories), rng.randint(2, 4))
                    ),
                )
