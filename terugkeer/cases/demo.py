"""Demo notifications: about 200 per demo organisation over two years, with repeat detentions."""

import datetime
import random

from django.utils import timezone
from faker import Faker

from terugkeer.accounts.models import Membership
from terugkeer.cases import intake, lifecycle_services, services
from terugkeer.cases.choices import CaseLead, OfferStatus, TrajectoryStatus
from terugkeer.cases.models import (
    DefaultCoordinator,
    DomainAssessment,
    ProgrammeDefinition,
    Trajectory,
)
from terugkeer.cases.plan_demo import seed_plan_templates
from terugkeer.cases.services import trajectory_record_first_contact
from terugkeer.core.calendar import add_working_days
from terugkeer.core.roles import Role
from terugkeer.core.validators import bsn_check_digit
from terugkeer.detention.choices import LegalTitle, NotificationKind, NotificationSource
from terugkeer.detention.institutions import INSTITUTIONS

NOTIFICATIONS_PER_ORGANISATION = 200
REPEAT_SHARE = 0.2


def _bsn(rng: random.Random, used: set[str]) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        check = bsn_check_digit(digits)
        bsn = "".join(map(str, digits)) + str(check)
        if check <= 9 and any(digits) and bsn not in used:
            used.add(bsn)
            return bsn


def seed(context: dict) -> None:
    rng = random.Random(context["seed"])
    fake = Faker("nl_NL")
    fake.seed_instance(context["seed"])
    today = timezone.localdate()
    used: set[str] = set()
    reintegration = ProgrammeDefinition.objects.get(code="reintegratie")
    ProgrammeDefinition.objects.get(code="nazorg").organisations.add(
        *context["organisations"].values()
    )
    reintegration.organisations.add(context["organisations"]["kocon"])
    for organisation in context["organisations"].values():
        coordinators = [
            m.user
            for m in Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR)
        ]
        municipalities = list(organisation.municipalities.all())
        # The first municipality's notifications go straight to a coordinator; others to the queue.
        DefaultCoordinator.objects.create(
            organisation=organisation, municipality=municipalities[0], coordinator=coordinators[0]
        )
        seed_plan_templates(organisation)
        people: list[dict] = []
        for _ in range(NOTIFICATIONS_PER_ORGANISATION):
            if people and rng.random() < REPEAT_SHARE:
                person = rng.choice(people)  # a repeat detention
            else:
                sex = rng.choice("MMMMMMMMV")
                person = {
                    "bsn": _bsn(rng, used),
                    "surname": fake.last_name(),
                    "first_names": fake.first_name_male()
                    if sex == "M"
                    else fake.first_name_female(),
                    "sex": sex,
                    "birth_date": fake.date_of_birth(minimum_age=17, maximum_age=70),
                    "municipality": rng.choice(municipalities).cbs_code,
                }
                people.append(person)
            start = today - datetime.timedelta(days=rng.randint(0, 730))
            length = rng.choice([5, 14, 30, 60, 90, 120, 180, 365])
            data = intake.NotificationData(
                kind=NotificationKind.BEGIN,
                bsn=person["bsn"],
                surname=person["surname"],
                first_names=person["first_names"],
                sex=person["sex"],
                birth_date=person["birth_date"],
                municipality=person["municipality"],
                institution=rng.choice(INSTITUTIONS)[0],
                dji_number=str(rng.randint(1_000_000, 9_999_999)),
                detention_start=start,
                expected_release=start + datetime.timedelta(days=length),
                legal_title=rng.choice(list(LegalTitle)).label,
                pi_casemanager=fake.name(),
            )
            try:
                result = intake.notification_register(
                    organisation=organisation, data=data, source=NotificationSource.IMPORT
                )
            except intake.IntakeRefused:
                continue
            _progress(result, data, rng, today)
        _tag_research_groups(organisation, rng)
        _shield_one(organisation)
        if organisation.programmes.filter(code="reintegratie").exists():
            _seed_reintegration(organisation, rng, fake, used, today)


def _tag_research_groups(organisation, rng) -> None:
    """Released trajectories split over a project and a comparison group (recidivism report)."""
    released = list(
        Trajectory.objects.filter(organisation=organisation, released_on__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    project = [pk for pk in released if rng.random() < 0.5]
    Trajectory.objects.filter(pk__in=project).update(cohort_tag="projectgroep")
    Trajectory.objects.filter(pk__in=released).exclude(pk__in=project).update(
        cohort_tag="vergelijkingsgroep"
    )


def _shield_one(organisation) -> None:
    """One open case per organisation is afgeschermd (a person known to the staff, say): only
    its coordinator and substitute see it; the privacy officer's demo shows a colleague's read."""
    trajectory = (
        Trajectory.objects.filter(organisation=organisation, coordinator__isnull=False)
        .exclude(status=TrajectoryStatus.CLOSED)
        .order_by("pk")
        .first()
    )
    if trajectory is not None:
        services.trajectory_update(
            trajectory=trajectory,
            expected_version=trajectory.version,
            changes={"shielded": True},
        )


REINTEGRATION_PARTICIPANTS = 20


def _seed_reintegration(organisation, rng, fake, used, today) -> None:
    """Re-integratie participants (ex-addicts) enter without a notification."""
    from terugkeer.clients.services import client_create

    municipality = organisation.municipalities.first()
    for _ in range(REINTEGRATION_PARTICIPANTS):
        client = client_create(
            organisation=organisation,
            bsn=_bsn(rng, used),
            surname=fake.last_name(),
            first_names=fake.first_name(),
            birth_date=fake.date_of_birth(minimum_age=20, maximum_age=60),
            municipality=municipality,
        )
        opened = today - datetime.timedelta(days=rng.randint(0, 500))
        trajectory = services.trajectory_open(
            organisation=organisation,
            client=client,
            programme="reintegratie",
            source=rng.choice(["zelfmelding", "verwijzing"]),
            source_note=rng.choice(["", "Brijder", "Exodus", "GGZ"]),
            opened_on=opened,
            user=None,
        )
        steps = ["intake", "begeleidingsplan", "begeleiding"]
        for index, status in enumerate(steps[: rng.randint(0, 3)]):
            services.trajectory_transition(
                trajectory=trajectory,
                to_status=status,
                user=None,
                effective_on=min(opened + datetime.timedelta(days=14 * (index + 1)), today),
            )
            if status == "intake":  # help requests per leefgebied (the hulpvragen report)
                for domain in services.domains_of(trajectory):
                    services.domain_assessment_set(
                        trajectory=trajectory,
                        domain=domain,
                        status=rng.choices(
                            ["geen_hulpvraag", "hulpvraag", "in_behandeling", "geregeld"],
                            weights=[3, 4, 2, 1],
                        )[0],
                    )


def _progress(result, data: intake.NotificationData, rng: random.Random, today) -> None:
    """Walk older trajectories through the workflow, so every state appears in the demo, with
    the figures the reports show working: offers made, accepted and declined, casusregie with
    partners, triage that changes between intake, release and the end of aftercare."""
    trajectory = result.trajectory
    if trajectory is None or not result.trajectory_created:
        return
    opened = trajectory.opened_on
    age = (today - opened).days
    released_on = (
        data.expected_release if data.expected_release and data.expected_release < today else None
    )
    if age > 7 and rng.random() < 0.85:
        in_time = rng.random() < 0.8
        offset = rng.randint(1, 5) if in_time else rng.randint(6, 12)
        contact = min(add_working_days(opened, offset), today)
        if released_on:  # nobody is released before the first contact
            contact = min(contact, max(opened, released_on))
        trajectory_record_first_contact(trajectory=trajectory, contact_date=contact)
        _offer_and_lead(trajectory, rng, contact)
        if age > 21 and rng.random() < 0.8:
            _intake_and_plan(trajectory, rng, opened, age)
    elif released_on:
        # Released without a contact in time: a PI visit on the day of release at the latest.
        trajectory_record_first_contact(
            trajectory=trajectory, contact_date=max(opened, released_on)
        )
    if released_on and rng.random() < 0.9:
        release = intake.NotificationData(
            kind=NotificationKind.END,
            bsn=data.bsn,
            surname=data.surname,
            birth_date=data.birth_date,
            municipality=data.municipality,
            dji_number=data.dji_number,
            release_date=released_on,
        )
        intake.notification_register(
            organisation=trajectory.organisation, data=release, source=NotificationSource.IMPORT
        )
        trajectory.refresh_from_db()
        if trajectory.aftercare_end and trajectory.aftercare_end < today and rng.random() < 0.8:
            _change_triage_during_aftercare(trajectory, rng)
            reason = rng.choice(
                ["doelen_bereikt"] * 5 + ["afgezien", "niet_bereikbaar", "verhuisd", "recidive"]
            )
            note = ""
            if reason == "doelen_bereikt" and lifecycle_services.open_need_names(trajectory):
                note = "Doelen van het plan bereikt; de open hulpvraag loopt via de wijk verder."
            lifecycle_services.trajectory_close(
                trajectory=trajectory,
                reason=reason,
                user=None,
                closed_on=trajectory.aftercare_end,
                note=note,
            )


def _offer_and_lead(trajectory, rng: random.Random, contact) -> None:
    """An offer made after the first contact (accepted, declined or open) and the casusregie."""
    changes = {}
    roll = rng.random()
    if roll < 0.85:
        changes["offer_date"] = contact
        changes["offer_status"] = (
            OfferStatus.ACCEPTED
            if roll < 0.6
            else OfferStatus.DECLINED
            if roll < 0.75
            else OfferStatus.MADE
        )
    changes["lead"] = rng.choices(
        [CaseLead.COORDINATOR, CaseLead.SOCIAL_CORE_TEAM, CaseLead.EXODUS, CaseLead.PROBATION],
        weights=[10, 3, 2, 3],
    )[0]
    changes["probation_supervision"] = changes["lead"] == CaseLead.PROBATION or rng.random() < 0.1
    trajectory.refresh_from_db()
    services.trajectory_update(
        trajectory=trajectory, expected_version=trajectory.version, changes=changes
    )


def _change_triage_during_aftercare(trajectory, rng: random.Random) -> None:
    """Between release and the end of aftercare some needs are solved and a few arise, so the
    monitor's "opgelost / nieuw ontstaan" is not zero."""
    for assessment in DomainAssessment.objects.filter(trajectory=trajectory).select_related(
        "domain"
    ):
        if assessment.status in ("hulpvraag", "in_behandeling") and rng.random() < 0.6:
            status = "geregeld"
        elif assessment.status in ("geen_hulpvraag", "geregeld") and rng.random() < 0.1:
            status = "hulpvraag"
        else:
            continue
        services.domain_assessment_set(
            trajectory=trajectory,
            domain=assessment.domain,
            status=status,
            health_insurance=assessment.health_insurance,
        )


def _intake_and_plan(trajectory, rng: random.Random, opened, age) -> None:
    step = opened + datetime.timedelta(days=10)
    services.trajectory_transition(
        trajectory=trajectory, to_status="intake", user=None, effective_on=step
    )
    for domain in services.domains_of(trajectory):
        status = rng.choices(
            ["geen_hulpvraag", "hulpvraag", "in_behandeling", "geregeld", "onbekend"],
            weights=[4, 3, 2, 3, 1],
        )[0]
        services.domain_assessment_set(
            trajectory=trajectory,
            domain=domain,
            status=status,
            health_insurance=(rng.random() < 0.85) if domain.code == "zorg" else None,
        )
    if age > 35 and rng.random() < 0.7:
        services.trajectory_transition(
            trajectory=trajectory,
            to_status="plan",
            user=None,
            effective_on=step + datetime.timedelta(days=14),
        )
        # Work during the detention: some needs get arranged before the release.
        for assessment in DomainAssessment.objects.filter(
            trajectory=trajectory, status__in=["hulpvraag", "in_behandeling"]
        ).select_related("domain"):
            if rng.random() < 0.4:
                services.domain_assessment_set(
                    trajectory=trajectory,
                    domain=assessment.domain,
                    status="geregeld",
                    health_insurance=assessment.health_insurance,
                )
