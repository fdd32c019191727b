"""The synthetic dataset gets chain partners and warm referrals that agree with the casusregie the
spine drew, with append-only steps in order, and the spine's pinned digest does not change (the
contributor draws from its own generator)."""

import datetime

import pytest

from terugkeer.cases.choices import CaseLead
from terugkeer.cases.models import Trajectory
from terugkeer.partners.choices import ReferralStatus as S
from terugkeer.partners.models import Involvement, Partner, Referral, ReferralStatusChange
from terugkeer.synthetic.generator import generate_dataset

TODAY = datetime.date(2026, 6, 15)
# The walk each final status implies, from the first step on.
WALKS = {
    S.REJECTED: ["", S.SENT, S.REJECTED],
    S.ACCEPTED: ["", S.SENT, S.ACCEPTED],
    S.STARTED: ["", S.SENT, S.ACCEPTED, S.STARTED],
    S.FINISHED: ["", S.SENT, S.ACCEPTED, S.STARTED, S.FINISHED],
}


@pytest.mark.django_db
def test_the_tiny_dataset_has_referrals_that_agree_with_the_casusregie():
    report = generate_dataset(scale="tiny", seed=7, today=TODAY)

    assert Partner.objects.count() == 4 * 6  # tiny has four organisations, six partners each
    referrals = list(Referral.objects.select_related("trajectory", "partner"))
    assert report.tables["partners.Referral"].rows == len(referrals) > 0
    steps = {}
    for change in ReferralStatusChange.objects.order_by("pk"):
        steps.setdefault(change.referral_id, []).append(change)
    for referral in referrals:
        trajectory = referral.trajectory
        assert referral.partner.organisation_id == trajectory.organisation_id
        assert referral.organisation_id == trajectory.organisation_id
        walk = steps[referral.pk]
        assert [walk[0].from_status] + [c.to_status for c in walk] == WALKS[referral.status]
        dates = [c.effective_on for c in walk]
        assert dates == sorted(dates)
        assert trajectory.opened_on <= referral.sent_on <= TODAY
        if referral.status in (S.STARTED, S.FINISHED) and referral.lead != CaseLead.COORDINATOR:
            assert trajectory.lead == referral.lead  # the accepted referral gave the casusregie
        if referral.status == S.FINISHED:
            assert referral.finished_on == trajectory.closed_on and referral.outcome
        if referral.status == S.REJECTED:
            assert trajectory.lead == CaseLead.COORDINATOR and referral.rejection_reason
    statuses = {r.status for r in referrals}
    assert {S.REJECTED, S.STARTED, S.FINISHED} <= statuses


@pytest.mark.django_db
def test_probation_supervision_is_an_involvement_from_the_start_of_the_referral():
    generate_dataset(scale="tiny", seed=7, today=TODAY)

    involvements = list(Involvement.objects.select_related("trajectory"))
    assert involvements
    for involvement in involvements:
        assert involvement.partner.kind == "reclassering" and involvement.role == "toezicht"
        referral = Referral.objects.get(trajectory=involvement.trajectory, lead="reclassering")
        assert involvement.started_on == referral.started_on
        assert involvement.ended_on == referral.finished_on


@pytest.mark.django_db
def test_every_partner_led_trajectory_with_a_running_referral_is_led_by_that_partner():
    generate_dataset(scale="tiny", seed=7, today=TODAY)

    led = Trajectory.objects.exclude(lead__in=[CaseLead.COORDINATOR, CaseLead.OTHER])
    with_referral = led.filter(partner_referrals__status__in=[S.STARTED, S.FINISHED]).distinct()
    assert with_referral.exists()
    for trajectory in with_referral:
        assert set(trajectory.partner_referrals.values_list("lead", flat=True)) == {trajectory.lead}
