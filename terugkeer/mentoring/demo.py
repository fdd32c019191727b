"""Demo data for Stichting Kocon's mentor programme (seed 000 §3B, §4.3).

Mentors in every pipeline state, the demo mentor login (``mentor@kocon…``) matched with two
re-integratie participants and a second mentor with one, eight weeks of weekly reports with the
casemanager's reactions, a meeting held three weeks ago and the next one planned.
"""

import datetime
import random

from django.utils import timezone

from terugkeer.accounts.models import Membership
from terugkeer.cases.choices import Programme, TrajectoryStatus
from terugkeer.cases.models import Trajectory
from terugkeer.core.roles import Role
from terugkeer.mentoring import services
from terugkeer.mentoring.choices import PIPELINE, ContactKind, ContactMood, MentorStatus

ORGANISATION_SLUG = "kocon"
MENTORS = [
    # name, status reached, availability
    ("Henk Bakker", MentorStatus.ACTIVE, "dinsdagavond en zaterdag"),
    ("Marieke van der Plas", MentorStatus.ACTIVE, "woensdagmiddag"),
    ("Ahmed El Amrani", MentorStatus.IN_TRAINING, "doordeweeks 's avonds"),
    ("Joke Visser", MentorStatus.VOG_REQUESTED, "maandag"),
    ("Pieter de Graaf", MentorStatus.INTRODUCTION, "flexibel"),
    ("Sanne Mulder", MentorStatus.REGISTERED, "weekend"),
    ("Kees Hoogendoorn", MentorStatus.STOPPED, "zaterdag"),
]
SUMMARIES = [
    "Samen koffie gedronken bij de Hofstede; het gaat beter met slapen.",
    "Gewandeld met het wandelproject; hij had het over zijn dochter.",
    "Telefonisch gesproken; de afspraak bij het UWV is gelukt.",
    "Lastige week: ruzie met de huisbaas. Wel nuchter gebleven.",
    "Samen boodschappen gedaan en een weekbudget gemaakt.",
]
FEEDBACK = [
    "Mooi dat het wandelen helpt. Vraag volgende keer naar de schuldhulp.",
    "Goed dat je dit meldt; ik neem contact op met de woningcorporatie.",
    "Dank je. Blijf vooral bij het weekbudget aansluiten.",
]


def _member(organisation, role):
    return (
        Membership.objects.filter(organisation=organisation, role=role, is_active=True)
        .select_related("user")
        .order_by("user__email")
        .first()
    )


def _walk_to(mentor, target, *, user, on):
    steps = [*PIPELINE[1 : PIPELINE.index(target) + 1]] if target in PIPELINE else []
    for step in steps:
        if step == MentorStatus.ACTIVE:
            mentor = services.mentor_update(
                mentor=mentor,
                expected_version=mentor.version,
                changes={
                    "vog_date": on,
                    "agreement_signed_on": on,
                    "trainings": "Basistraining mentoren\nIntervisie",
                },
            )
        mentor = services.mentor_transition(
            mentor=mentor, to_status=step, user=user, expected_version=mentor.version, on=on
        )
    if target == MentorStatus.STOPPED:
        mentor = services.mentor_transition(
            mentor=mentor,
            to_status=MentorStatus.STOPPED,
            user=user,
            expected_version=mentor.version,
            on=on,
            reason="Verhuisd naar Leiden",
        )
    return mentor


def seed(context: dict) -> None:
    organisation = context.get("organisations", {}).get(ORGANISATION_SLUG)
    if organisation is None:
        return
    rng = random.Random(context["seed"] + 13)
    today = timezone.localdate()
    coordinator = _member(organisation, Role.COORDINATOR).user
    mentor_membership = _member(organisation, Role.MENTOR)
    mentors = []
    for index, (name, target, availability) in enumerate(MENTORS):
        on = today - datetime.timedelta(days=400 - 40 * index)
        mentor = services.mentor_create(
            organisation=organisation,
            full_name=name,
            registered_on=on - datetime.timedelta(days=30),
            user=mentor_membership.user if index == 0 and mentor_membership else None,
            availability=availability,
            max_matches=2,
            phone=f"06-{rng.randint(10000000, 99999999)}",
        )
        mentors.append(_walk_to(mentor, target, user=coordinator, on=on))

    trajectories = list(
        Trajectory.objects.filter(organisation=organisation)
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("-programme", "opened_on", "pk")  # re-integratie first
    )
    reintegration = [t for t in trajectories if t.programme == Programme.REINTEGRATION]
    chosen = (reintegration or trajectories)[:3]
    started_on = today - datetime.timedelta(weeks=8)
    for position, trajectory in enumerate(chosen):
        mentor = mentors[0] if position < 2 else mentors[1]
        match = services.match_start(
            mentor=mentor,
            trajectory=trajectory,
            user=coordinator,
            started_on=started_on,
            shared_phone=f"06-{rng.randint(10000000, 99999999)}",
            shared_contact_note=rng.choice(["liefst WhatsApp", "bellen na 10 uur", "via sms"]),
        )
        if mentor.user_id is None:
            continue  # the second mentor does not log in: shows the "report missing" signal
        _seed_reports(rng, match, coordinator, started_on, today)
    services.meeting_record(
        organisation=organisation,
        user=coordinator,
        held_on=today - datetime.timedelta(weeks=3),
        attendees=[m for m in mentors if m.status == MentorStatus.ACTIVE],
        topics="Grenzen stellen; terugvalpreventie",
        notes="Goede opkomst, ervaringen gedeeld over het wandelproject.",
        follow_ups="Extra intervisie in het voorjaar.",
    )
    services.meeting_record(
        organisation=organisation,
        user=coordinator,
        held_on=today + datetime.timedelta(weeks=3),
        topics="Omgaan met schulden van deelnemers",
    )


def _seed_reports(rng, match, coordinator, started_on, today) -> None:
    met_on = started_on + datetime.timedelta(days=rng.randint(1, 4))
    while met_on <= today:
        report = services.report_file(
            match=match,
            user=match.mentor.user,
            met_on=met_on,
            contact_kind=rng.choice([ContactKind.MEETING, ContactKind.WALK, ContactKind.PHONE]),
            mood=rng.choice(list(ContactMood)),
            summary=rng.choice(SUMMARIES),
            goal_progress="Werkt aan dagbesteding: twee ochtenden bij de kringloop.",
            wants_casemanager_contact=rng.random() < 0.15,
        )
        if met_on < today - datetime.timedelta(days=5):
            services.report_feedback(
                report=report,
                user=coordinator,
                expected_version=report.version,
                feedback=rng.choice(FEEDBACK),
                for_team_meeting=rng.random() < 0.2,
            )
        met_on += datetime.timedelta(days=rng.randint(6, 8))


def print_logins(stdout) -> None:
    stdout.write(
        "  Mentor met deelnemers (Stichting Kocon): mentor@kocon.demo.terugkeer.nl "
        "→ Mijn deelnemers op de startpagina\n"
    )
