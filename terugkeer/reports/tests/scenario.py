"""A small hand-built organisation whose report figures are worked out by hand in the tests.

Period under test: 2025. Municipalities Aastad and Beedorp; another organisation whose data must
never be counted. Every number the tests expect is derived in the comments below, not by code.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.choices import (
    CaseLead,
    ClosingReason,
    ContactKind,
    OfferStatus,
    Source,
    TrajectoryStatus,
)
from terugkeer.cases.models import Contact, Domain, Trajectory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.choices import Sex
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.reports.framework import ReportFilters

D = datetime.date
PERIOD = ReportFilters(start=D(2025, 1, 1), end=D(2025, 12, 31))


@dataclass
class World:
    organisation: object
    aastad: object
    beedorp: object
    other: object
    coordinator: object
    trajectories: dict[str, Trajectory] = field(default_factory=dict)

    def scope(self, role: Role = Role.COORDINATOR) -> Scope:
        user = MembershipFactory(organisation=self.organisation, role=role).user
        return Scope(user=user, organisation=self.organisation, role=role)


def domain(code: str, programme: str = "nazorg") -> Domain:
    return Domain.objects.get(programme__code=programme, code=code)


def contact(trajectory: Trajectory, on: datetime.date, kind=ContactKind.PHONE) -> Contact:
    return Contact.objects.create(
        trajectory=trajectory, kind=kind, date=on, registered_by=trajectory.coordinator
    )


def build_world() -> World:
    aastad = MunicipalityFactory(name="Aastad")
    beedorp = MunicipalityFactory(name="Beedorp")
    organisation = OrganisationFactory(name="Nazorg Test", municipalities=[aastad, beedorp])
    other = OrganisationFactory(name="Elders")
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    world = World(organisation, aastad, beedorp, other, coordinator)

    def trajectory(name, municipality, opened_on, due, **fields):
        client = ClientFactory(organisation=organisation, municipality=municipality)
        world.trajectories[name] = TrajectoryFactory(
            client=client,
            municipality=municipality,
            opened_on=opened_on,
            first_contact_due=due,
            coordinator=coordinator,
            **fields,
        )
        return world.trajectories[name]

    # T1 Aastad: contact in detention, in time (5 March <= due 10 March), offer accepted.
    t1 = trajectory(
        "T1",
        aastad,
        D(2025, 3, 3),
        D(2025, 3, 10),
        first_contact_on=D(2025, 3, 5),
        status=TrajectoryStatus.IN_CONTACT,
        offer_status=OfferStatus.ACCEPTED,
        lead=CaseLead.COORDINATOR,
        category=1,
    )
    contact(t1, D(2025, 3, 5), ContactKind.PI_VISIT)
    # T2 Aastad: released 10 April, first contact 15 April (late; 5 days after release, so
    # reached), offer declined, casusregie SKT, category 2, probation; closed 10 May.
    t2 = trajectory(
        "T2",
        aastad,
        D(2025, 4, 1),
        D(2025, 4, 8),
        first_contact_on=D(2025, 4, 15),
        released_on=D(2025, 4, 10),
        status=TrajectoryStatus.CLOSED,
        closed_on=D(2025, 5, 10),
        closing_reason=ClosingReason.GOALS_MET,
        offer_status=OfferStatus.DECLINED,
        lead=CaseLead.SOCIAL_CORE_TEAM,
        category=2,
        probation_supervision=True,
    )
    contact(t2, D(2025, 4, 15))
    # T3 Aastad: released 10 May, only contact on 1 July (52 days after release: not reached),
    # offer made, casusregie Exodus; closed 9 August.
    t3 = trajectory(
        "T3",
        aastad,
        D(2025, 5, 1),
        D(2025, 5, 8),
        first_contact_on=D(2025, 7, 1),
        released_on=D(2025, 5, 10),
        status=TrajectoryStatus.CLOSED,
        closed_on=D(2025, 8, 9),
        closing_reason=ClosingReason.UNREACHABLE,
        offer_status=OfferStatus.MADE,
        lead=CaseLead.EXODUS,
    )
    contact(t3, D(2025, 7, 1), ContactKind.HOME_VISIT)
    # T4 Beedorp: referred by a partner, only a partner meeting (not a client contact).
    t4 = trajectory(
        "T4",
        beedorp,
        D(2025, 6, 2),
        D(2025, 6, 9),
        source=Source.PARTNER_REFERRAL,
        source_note="Reclassering Nederland",
        lead=CaseLead.COORDINATOR,
    )
    contact(t4, D(2025, 6, 3), ContactKind.PARTNER_MEETING)
    # T5 Aastad: opened in 2024, outside the period.
    t5 = trajectory(
        "T5", aastad, D(2024, 12, 20), D(2024, 12, 30), first_contact_on=D(2024, 12, 23)
    )
    contact(t5, D(2024, 12, 23))
    # Another organisation's trajectory in the period: never counted.
    other_client = ClientFactory(organisation=other)
    TrajectoryFactory(
        client=other_client,
        opened_on=D(2025, 3, 3),
        first_contact_due=D(2025, 3, 10),
        first_contact_on=D(2025, 3, 4),
        offer_status=OfferStatus.ACCEPTED,
    )
    return world


def male_and_female_clients(world: World):
    male = ClientFactory(organisation=world.organisation, sex=Sex.MALE, municipality=world.aastad)
    female = ClientFactory(
        organisation=world.organisation, sex=Sex.FEMALE, municipality=world.aastad
    )
    return male, female
