"""Partners' reports from a hand-made set of referrals (figures worked out by hand)."""

import datetime

import pytest
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.partners.choices import PartnerKind, ReferralOutcome, ReferralStatus
from terugkeer.partners.tests.factories import LeftBehindFactory, PartnerFactory, ReferralFactory
from terugkeer.reports.framework import ReportFilters, run_report
from terugkeer.reports.registry import REPORTS

pytestmark = pytest.mark.django_db
S = ReferralStatus


def _d(offset):
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def world():
    org = OrganisationFactory()
    exodus = PartnerFactory(organisation=org, name="Exodus", kind=PartnerKind.EXODUS)
    skt = PartnerFactory(organisation=org, name="SKT Westland", kind=PartnerKind.SOCIAL_CORE_TEAM)
    t = [TrajectoryFactory(client__organisation=org) for _ in range(6)]
    # T1 Exodus: answered after 5 days, finished after 15 with goals met.
    ReferralFactory(
        partner=exodus,
        trajectory=t[0],
        status=S.FINISHED,
        sent_on=_d(-20),
        answered_on=_d(-15),
        started_on=_d(-14),
        finished_on=_d(-5),
        outcome=ReferralOutcome.GOALS_MET,
    )
    # T2 SKT: rejected after 2 days (so T2 counts as 'alone').
    ReferralFactory(
        partner=skt,
        trajectory=t[1],
        status=S.REJECTED,
        sent_on=_d(-10),
        answered_on=_d(-8),
        rejection_reason="geen indicatie",
    )
    # T3 SKT: accepted after 3 days, started.
    ReferralFactory(
        partner=skt,
        trajectory=t[2],
        status=S.STARTED,
        sent_on=_d(-12),
        answered_on=_d(-9),
        started_on=_d(-8),
    )
    # T4: no referral. T5 Exodus: no answer yet.
    ReferralFactory(partner=exodus, trajectory=t[4], sent_on=_d(-2))
    # T6: both SKT (1 day) and Exodus (2 days) accepted.
    ReferralFactory(
        partner=skt, trajectory=t[5], status=S.ACCEPTED, sent_on=_d(-7), answered_on=_d(-6)
    )
    ReferralFactory(
        partner=exodus, trajectory=t[5], status=S.ACCEPTED, sent_on=_d(-6), answered_on=_d(-4)
    )
    LeftBehindFactory(trajectory=t[0], outcome="geholpen", outcome_on=_d(-3))
    LeftBehindFactory(trajectory=t[3], outcome="geholpen", outcome_on=_d(-1))
    LeftBehindFactory(trajectory=t[3])
    LeftBehindFactory(trajectory=TrajectoryFactory(opened_on=_d(-200)), outcome="geholpen")
    scope = Scope(
        user=MembershipFactory(organisation=org, role=Role.COORDINATOR).user,
        organisation=org,
        role=Role.COORDINATOR,
    )
    return scope, ReportFilters(start=_d(-90), end=_d(0))


def test_referrals_by_partner_with_answer_and_lead_times(world):
    scope, filters = world
    result = run_report(REPORTS["verwijzingen"], scope=scope, filters=filters, today=_d(0))
    by_partner = {row["partner"]: row for row in result.tables[0].rows}
    exodus, skt = by_partner["Exodus"], by_partner["SKT Westland"]
    assert [row["partner"] for row in result.tables[0].rows] == ["Exodus", "SKT Westland"]
    assert (
        exodus["sent"],
        exodus["accepted"],
        exodus["rejected"],
        exodus["waiting"],
        exodus["finished"],
    ) == (3, 2, 0, 1, 1)
    assert (exodus["answer_days"], exodus["lead_days"], exodus["ended"]) == (3.5, 15.0, 1)
    assert (skt["sent"], skt["accepted"], skt["rejected"], skt["waiting"]) == (3, 2, 1, 0)
    assert (skt["answer_days"], skt["answered"]) == (2.0, 3)
    outcomes = {row["outcome"]: row["count"] for row in result.tables[1].rows}
    assert outcomes["doelen bereikt"] == 1
    assert sum(outcomes.values()) == 1


def test_coordinator_alone_with_skt_or_with_exodus(world):
    scope, filters = world
    result = run_report(REPORTS["samenwerking"], scope=scope, filters=filters, today=_d(0))
    counts = [row["count"] for row in result.tables[0].rows]
    assert counts == [3, 2, 2, 0]  # alone (T2, T4, T5), SKT (T3, T6), Exodus (T1, T6), other
    assert result.tables[0].rows[0]["share"] == 50.0
    left = {row["value"]: row["count"] for row in result.tables[2].rows}
    assert (left["geholpen"], left["nog geen uitkomst"], left["geen hulp gewenst"]) == (2, 1, 0)
    kinds = {row["kind"]: row["lead"] for row in result.tables[1].rows}
    assert (kinds["Exodus"], kinds["Sociaal Kernteam"], kinds["GGZ"]) == (2, 2, 0)


def test_a_policy_advisor_sees_small_cells_suppressed(world):
    scope, filters = world
    advisor = Scope(
        user=MembershipFactory(organisation=scope.organisation, role=Role.POLICY_ADVISOR).user,
        organisation=scope.organisation,
        role=Role.POLICY_ADVISOR,
    )
    result = run_report(REPORTS["samenwerking"], scope=advisor, filters=filters, today=_d(0))
    assert [row["count"] for row in result.tables[0].rows] == ["<5", "<5", "<5", 0]
