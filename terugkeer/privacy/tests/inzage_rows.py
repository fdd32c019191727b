"""One row of every registered model of personal data for a client (for the inzage tests)."""

import datetime

from django.utils import timezone

from terugkeer.accounts.tests.factories import UserFactory
from terugkeer.activities.tests.factories import (
    ActivitySessionFactory,
    AttendanceFactory,
    CardMailingFactory,
    CardSubscriptionFactory,
)
from terugkeer.assessments.tests.factories import ensure_instruments, measure, respond
from terugkeer.cases.models import (
    Action,
    Contact,
    Domain,
    DomainAssessment,
    DomainSnapshot,
    Goal,
    StatusChange,
)
from terugkeer.cases.tests.factories import BreakGlassAccessFactory, TrajectoryFactory
from terugkeer.detention.tests.factories import DetentionNotificationFactory
from terugkeer.housing.tests.factories import (
    HouseCheckFactory,
    HousingAllocationFactory,
    HousingUnitFactory,
    StayFactory,
)
from terugkeer.interventions.tests.factories import (
    ConditionFactory,
    EmergencyGiftFactory,
    InterventionRequestFactory,
    PaymentFactory,
    RequestStatusChangeFactory,
)
from terugkeer.mentoring.tests.factories import (
    MentorFactory,
    MentorMatchFactory,
    MentorReportFactory,
)
from terugkeer.partners.tests.factories import (
    DetentionTaskFactory,
    DocumentFactory,
    InvolvementFactory,
    LeftBehindFactory,
    MeetingDecisionFactory,
    PartnerFactory,
    ReferralFactory,
    ReferralStatusChangeFactory,
    TeamMeetingFactory,
)
from terugkeer.privacy.tests.factories import SubjectRequestFactory


def fill(client, *, notes: str) -> dict:
    """Create, for ``client``, at least one row of every registered model; return them by label.

    ``notes`` goes into the free text of the contact, so a test can look for it.
    """
    ensure_instruments()
    org = client.organisation
    user = UserFactory()
    trajectory = TrajectoryFactory(client=client)
    domain = Domain.objects.filter(programme__code=trajectory.programme).order_by("pk").first()
    goal = Goal.objects.create(trajectory=trajectory, domain=domain, description="Een ID-bewijs")
    measurement = measure(trajectory, {"huisvesting": 2})
    response = respond(trajectory, {"rapportcijfer": 8})
    match = MentorMatchFactory(mentor=MentorFactory(organisation=org), trajectory=trajectory)
    intervention = InterventionRequestFactory(trajectory=trajectory, approved=True)
    stay = StayFactory(unit=HousingUnitFactory(organisation=org), trajectory=trajectory)
    partner = PartnerFactory(organisation=org)
    referral = ReferralFactory(partner=partner, trajectory=trajectory)
    rows = {
        "clients.Client": client,
        "detention.Detention": trajectory.detention,
        "detention.DetentionNotification": DetentionNotificationFactory(
            detention=trajectory.detention
        ),
        "cases.Trajectory": trajectory,
        "cases.StatusChange": StatusChange.objects.create(
            trajectory=trajectory,
            to_status=trajectory.status,
            effective_on=trajectory.opened_on,
            changed_by=user,
            note="Aangemeld door de PI.",
        ),
        "cases.DomainAssessment": DomainAssessment.objects.create(
            trajectory=trajectory, domain=domain, status="hulpvraag", note="Paspoort kwijt."
        ),
        "cases.DomainSnapshot": DomainSnapshot.objects.create(
            trajectory=trajectory,
            moment="intake",
            domain=domain,
            status="hulpvraag",
            taken_on=trajectory.opened_on,
        ),
        "cases.Goal": goal,
        "cases.Action": Action.objects.create(
            trajectory=trajectory, goal=goal, domain=domain, description="Afspraak gemeente"
        ),
        "cases.Contact": Contact.objects.create(
            trajectory=trajectory,
            kind="pi_bezoek",
            date=trajectory.opened_on,
            notes=notes,
            registered_by=user,
        ),
        "assessments.Measurement": measurement,
        "assessments.DomainScore": measurement.scores.get(item__code="huisvesting"),
        "assessments.QuestionnaireResponse": response,
        "assessments.Answer": response.answers.get(item__code="rapportcijfer"),
        "mentoring.MentorMatch": match,
        "mentoring.MentorReport": MentorReportFactory(match=match),
        "interventions.InterventionRequest": intervention,
        "interventions.RequestStatusChange": RequestStatusChangeFactory(request=intervention),
        "interventions.Condition": ConditionFactory(request=intervention),
        "interventions.Payment": PaymentFactory(request=intervention),
        "interventions.EmergencyGift": EmergencyGiftFactory(trajectory=trajectory),
        "housing.Stay": stay,
        "housing.HouseCheck": HouseCheckFactory(stay=stay),
        "housing.HousingAllocation": HousingAllocationFactory(
            unit=HousingUnitFactory(organisation=org, kocon=True), trajectory=trajectory
        ),
        "activities.CardSubscription": CardSubscriptionFactory(trajectory=trajectory),
        "activities.CardMailing": CardMailingFactory(trajectory=trajectory),
        "activities.Attendance": AttendanceFactory(
            session=ActivitySessionFactory(organisation=org), trajectory=trajectory
        ),
        "partners.Involvement": InvolvementFactory(
            partner=PartnerFactory(organisation=org), trajectory=trajectory
        ),
        "partners.Referral": referral,
        "partners.ReferralStatusChange": ReferralStatusChangeFactory(referral=referral),
        "partners.MeetingDecision": MeetingDecisionFactory(
            meeting=TeamMeetingFactory(organisation=org), trajectory=trajectory
        ),
        "partners.Document": DocumentFactory(trajectory=trajectory),
        "partners.DetentionTask": DetentionTaskFactory(trajectory=trajectory),
        "partners.LeftBehind": LeftBehindFactory(trajectory=trajectory, partner=partner),
        "cases.BreakGlassAccess": BreakGlassAccessFactory(client=client, user=user),
        "privacy.SubjectRequest": SubjectRequestFactory(
            client=client,
            received_on=timezone.localdate() - datetime.timedelta(days=3),
        ),
    }
    return rows
