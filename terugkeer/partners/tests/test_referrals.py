"""The referral's status machine (every pair of states), the casusregie following the accepted
referral, and the 'no answer' signal around its boundary day."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from terugkeer.cases.choices import CaseLead
from terugkeer.cases.models import Trajectory
from terugkeer.core.access import Scope
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import Role
from terugkeer.partners import services
from terugkeer.partners.choices import ReferralOutcome, ReferralStatus
from terugkeer.partners.models import Referral, ReferralStatusChange
from terugkeer.partners.signal_providers import REFERRAL_UNANSWERED, referral_signals
from terugkeer.partners.tests.factories import (
    PartnerFactory,
    PartnerSettingsFactory,
    ReferralFactory,
    coordinator_of,
)

pytestmark = pytest.mark.django_db
S = ReferralStatus

LEGAL = {
    (S.SENT, S.ACCEPTED),
    (S.SENT, S.REJECTED),
    (S.ACCEPTED, S.STARTED),
    (S.STARTED, S.FINISHED),
}


def _step(referral, to_status, **extra):
    kwargs = {
        "on": timezone.localdate(),
        "rejection_reason": "Geen plek" if to_status == S.REJECTED else "",
        "outcome": ReferralOutcome.GOALS_MET if to_status == S.FINISHED else "",
    }
    kwargs.update(extra)
    return services.referral_transition(
        referral=referral,
        to_status=to_status,
        user=referral.sent_by,
        expected_version=referral.version,
        **kwargs,
    )


@pytest.mark.parametrize(("from_status", "to_status"), list(itertools.product(S.values, S.values)))
def test_every_pair_of_states_is_allowed_exactly_when_the_table_says_so(from_status, to_status):
    referral = ReferralFactory(status=from_status, answered_on=None)
    changes_before = ReferralStatusChange.objects.count()
    if (from_status, to_status) in LEGAL:
        updated = _step(referral, to_status)
        assert updated.status == to_status
        assert ReferralStatusChange.objects.count() == changes_before + 1
        return
    with pytest.raises(services.TransitionRefused) as refused:
        _step(referral, to_status)
    assert f"Een verwijzing met status ‘{S(from_status).label}’ kan niet naar" in str(refused.value)
    referral.refresh_from_db()
    assert referral.status == from_status
    assert ReferralStatusChange.objects.count() == changes_before


def test_a_final_status_says_so():
    referral = ReferralFactory(status=S.REJECTED)
    with pytest.raises(services.TransitionRefused) as refused:
        _step(referral, S.STARTED)
    assert "Dit is een eindstatus." in str(refused.value)


def test_accepting_hands_the_casusregie_to_the_referral_and_finishing_gives_it_back():
    referral = ReferralFactory(lead=CaseLead.EXODUS)
    trajectory = referral.trajectory
    assert trajectory.lead == CaseLead.COORDINATOR
    version = trajectory.version

    referral = _step(referral, S.ACCEPTED)
    trajectory.refresh_from_db()
    assert (trajectory.lead, trajectory.version) == (CaseLead.EXODUS, version + 1)
    assert referral.answered_on == timezone.localdate()

    referral = _step(referral, S.STARTED)
    referral = _step(referral, S.FINISHED, result="Woont begeleid; schulden in de WSNP.")
    trajectory.refresh_from_db()
    assert trajectory.lead == CaseLead.COORDINATOR
    assert (referral.outcome, referral.result) == (
        ReferralOutcome.GOALS_MET,
        "Woont begeleid; schulden in de WSNP.",
    )
    steps = list(referral.changes.values_list("from_status", "to_status"))
    assert steps == [
        ("", S.SENT),
        (S.SENT, S.ACCEPTED),
        (S.ACCEPTED, S.STARTED),
        (S.STARTED, S.FINISHED),
    ]


def test_finishing_keeps_the_casusregie_while_another_running_referral_holds_it():
    first = ReferralFactory(lead=CaseLead.SOCIAL_CORE_TEAM)
    second = ReferralFactory(
        trajectory=first.trajectory,
        partner=PartnerFactory(organisation=first.organisation),
        lead=CaseLead.SOCIAL_CORE_TEAM,
    )
    first = _step(_step(first, S.ACCEPTED), S.STARTED)
    _step(second, S.ACCEPTED)
    _step(first, S.FINISHED)
    assert Trajectory.objects.get(pk=first.trajectory_id).lead == CaseLead.SOCIAL_CORE_TEAM


def test_a_rejection_needs_a_reason_and_changes_nothing_without_one():
    referral = ReferralFactory()
    with pytest.raises(ValidationError) as refused:
        _step(referral, S.REJECTED, rejection_reason="  ")
    assert refused.value.message_dict == {
        "rejection_reason": ["Geef de reden van de afwijzing op."]
    }
    assert Referral.objects.get(pk=referral.pk).status == S.SENT
    assert Trajectory.objects.get(pk=referral.trajectory_id).lead == CaseLead.COORDINATOR


def test_finishing_needs_the_outcome():
    referral = ReferralFactory(status=S.STARTED, answered_on=timezone.localdate())
    with pytest.raises(ValidationError) as refused:
        _step(referral, S.FINISHED, outcome="")
    assert refused.value.message_dict == {
        "outcome": ["Geef aan wat de verwijzing heeft opgeleverd."]
    }


def test_a_step_dated_before_the_previous_one_or_in_the_future_is_refused():
    referral = ReferralFactory(sent_on=timezone.localdate() - datetime.timedelta(days=2))
    with pytest.raises(ValidationError) as refused:
        _step(referral, S.ACCEPTED, on=referral.sent_on - datetime.timedelta(days=1))
    assert "vóór de vorige stap" in str(refused.value)
    with pytest.raises(ValidationError):
        _step(referral, S.ACCEPTED, on=timezone.localdate() + datetime.timedelta(days=1))
    assert Referral.objects.get(pk=referral.pk).status == S.SENT


def test_a_stale_version_is_refused():
    referral = ReferralFactory()
    with pytest.raises(StaleObjectError):
        services.referral_transition(
            referral=referral,
            to_status=S.ACCEPTED,
            user=referral.sent_by,
            expected_version=referral.version - 1,
            on=timezone.localdate(),
        )


def test_referring_needs_an_own_active_partner():
    referral = ReferralFactory()
    foreign = PartnerFactory()
    with pytest.raises(ValidationError) as refused:
        services.referral_create(
            trajectory=referral.trajectory,
            partner=foreign,
            user=referral.sent_by,
            reason="x",
            handed_over="y",
            lead=CaseLead.EXODUS,
            sent_on=timezone.localdate(),
        )
    assert refused.value.message_dict == {
        "partner": ["Kies een ketenpartner van de eigen organisatie."]
    }


def _scope(organisation):
    return Scope(
        user=coordinator_of(organisation), organisation=organisation, role=Role.COORDINATOR
    )


@pytest.mark.parametrize(("days_ago", "shown"), [(10, False), (11, True), (3, False)])
def test_no_answer_signal_from_the_day_after_the_default_ten_days(days_ago, shown):
    today = timezone.localdate()
    referral = ReferralFactory(sent_on=today - datetime.timedelta(days=days_ago))
    signals = list(referral_signals(_scope(referral.organisation), today))
    assert [s.code for s in signals] == ([REFERRAL_UNANSWERED] if shown else [])
    if shown:
        assert signals[0].due == referral.sent_on + datetime.timedelta(days=10)
        assert signals[0].trajectory_id == referral.trajectory_id


@pytest.mark.parametrize(("days_ago", "shown"), [(5, False), (6, True)])
def test_no_answer_signal_follows_the_organisations_number_of_days(days_ago, shown):
    today = timezone.localdate()
    referral = ReferralFactory(sent_on=today - datetime.timedelta(days=days_ago))
    PartnerSettingsFactory(organisation=referral.organisation, referral_answer_days=5)
    signals = list(referral_signals(_scope(referral.organisation), today))
    assert len(signals) == (1 if shown else 0)


def test_an_answered_referral_gives_no_signal():
    today = timezone.localdate()
    referral = ReferralFactory(sent_on=today - datetime.timedelta(days=30), accepted=True)
    assert list(referral_signals(_scope(referral.organisation), today)) == []
