"""Factories for the partners models (one per model)."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from terugkeer.cases.choices import CaseLead, TrajectoryStatus
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role
from terugkeer.partners.choices import (
    DocumentType,
    MeetingKind,
    PartnerKind,
    ReferralStatus,
    Relation,
)
from terugkeer.partners.models import (
    ChecklistItem,
    ContactPerson,
    DetentionTask,
    Document,
    Involvement,
    LeftBehind,
    MeetingDecision,
    Partner,
    PartnerSettings,
    Referral,
    ReferralStatusChange,
    TeamMeeting,
)

# The smallest file every PDF reader recognises as one.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def coordinator_of(organisation):
    return MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user


class PartnerSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerSettings

    organisation = factory.SubFactory(OrganisationFactory)
    referral_answer_days = 10


class PartnerFactory(factory.django.DjangoModelFactory):
    """Exodus by default; ``kind=`` for another."""

    class Meta:
        model = Partner

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Exodus Den Haag {n}")
    kind = PartnerKind.EXODUS
    phone = "070 123 45 67"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    partner = factory.SubFactory(PartnerFactory)
    full_name = factory.Faker("name", locale="nl_NL")
    function = "trajectbegeleider"


def _trajectory_of(organisation):
    return TrajectoryFactory(client__organisation=organisation, status=TrajectoryStatus.PLAN)


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    partner = factory.SubFactory(PartnerFactory, kind=PartnerKind.PROBATION)
    organisation = factory.LazyAttribute(lambda o: o.partner.organisation)
    trajectory = factory.LazyAttribute(lambda o: _trajectory_of(o.organisation))
    role = "toezicht"
    started_on = factory.LazyFunction(lambda: _days_ago(20))
    conditions = "Meldplicht wekelijks; contactverbod."


class ReferralFactory(factory.django.DjangoModelFactory):
    """A referral still ``verstuurd`` (with its first step row). Traits: ``accepted``."""

    class Meta:
        model = Referral
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    organisation = factory.LazyAttribute(lambda o: o.partner.organisation)
    trajectory = factory.LazyAttribute(lambda o: _trajectory_of(o.organisation))
    reason = "Schulden en dagbesteding; hij wil begeleid wonen."
    handed_over = "Plan van aanpak, D&R-plan, afspraken met de reclassering."
    lead = CaseLead.EXODUS
    sent_on = factory.LazyFunction(lambda: _days_ago(3))
    sent_by = factory.LazyAttribute(lambda o: coordinator_of(o.organisation))

    class Params:
        accepted = factory.Trait(
            status=ReferralStatus.ACCEPTED, answered_on=factory.LazyFunction(lambda: _days_ago(1))
        )

    @factory.post_generation
    def first_step(self, create, extracted, **kwargs):
        if create:
            ReferralStatusChange.objects.create(
                referral=self,
                from_status="",
                to_status=ReferralStatus.SENT,
                effective_on=self.sent_on,
                changed_by=self.sent_by,
            )


class ReferralStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralStatusChange

    referral = factory.SubFactory(ReferralFactory)
    from_status = ReferralStatus.SENT
    to_status = ReferralStatus.ACCEPTED
    effective_on = factory.LazyFunction(timezone.localdate)
    changed_by = factory.SubFactory(UserFactory)


class TeamMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMeeting
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    kind = MeetingKind.TEAM
    held_on = factory.LazyFunction(timezone.localdate)
    chair = factory.LazyAttribute(
        lambda o: MembershipFactory(organisation=o.organisation, role=Role.TEAM_CHAIR).user
    )

    @factory.post_generation
    def attendees(self, create, extracted, **kwargs):
        if create and extracted:
            self.attendees.set(extracted)


class MeetingDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingDecision

    meeting = factory.SubFactory(TeamMeetingFactory)
    trajectory = factory.LazyAttribute(lambda o: _trajectory_of(o.meeting.organisation))
    item_code = factory.LazyAttribute(lambda o: f"nieuw:{o.trajectory.pk}")
    text = "Huisbezoek plannen; SKT erbij vragen."
    recorded_by = factory.LazyAttribute(lambda o: o.meeting.chair)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    trajectory = factory.SubFactory(TrajectoryFactory)
    organisation = factory.LazyAttribute(lambda o: o.trajectory.organisation)
    doc_type = DocumentType.DR_PLAN
    title = "D&R-plan"
    received_on = factory.LazyFunction(lambda: _days_ago(5))
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="dr-plan.pdf"))
    original_name = "dr-plan.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    uploaded_by = factory.LazyAttribute(lambda o: coordinator_of(o.organisation))


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Taak {n}")
    partner_kind = PartnerKind.HOUSING_CORPORATION


class DetentionTaskFactory(factory.django.DjangoModelFactory):
    """An open task on the trajectory's current detention."""

    class Meta:
        model = DetentionTask

    trajectory = factory.SubFactory(TrajectoryFactory)
    organisation = factory.LazyAttribute(lambda o: o.trajectory.organisation)
    detention = factory.LazyAttribute(lambda o: o.trajectory.detention)
    title = factory.Sequence(lambda n: f"Uitkering opschorten {n}")


class LeftBehindFactory(factory.django.DjangoModelFactory):
    """A child left behind with a support question, not yet referred."""

    class Meta:
        model = LeftBehind

    trajectory = factory.SubFactory(TrajectoryFactory)
    organisation = factory.LazyAttribute(lambda o: o.trajectory.organisation)
    relation = Relation.CHILD
    description = "zoon, 9 jaar"
    support_question = "Wil weten waarom papa weg is; slaapt slecht."
