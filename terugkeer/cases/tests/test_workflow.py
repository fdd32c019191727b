"""The workflow: every allowed and refused transition, release, closing, and random sequences."""

import datetime
import itertools

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases import workflow
from terugkeer.cases.choices import ClosingReason, Programme, SnapshotMoment, TrajectoryStatus
from terugkeer.cases.lifecycle_services import trajectory_close, trajectory_register_release
from terugkeer.cases.models import DomainSnapshot, StatusChange, Trajectory
from terugkeer.cases.services import (
    TransitionRefused,
    contact_register,
    domain_assessment_set,
    domains_of,
    trajectory_transition,
)
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.locking import StaleObjectError
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db
S = TrajectoryStatus
D = datetime.date

# The workflow of DESIGN.md section 4, written out by hand (not read from the code under test).
EXPECTED_AFTERCARE = {
    (S.REGISTERED, S.IN_CONTACT),
    (S.REGISTERED, S.AFTERCARE),
    (S.REGISTERED, S.CLOSED),
    (S.IN_CONTACT, S.INTAKE),
    (S.IN_CONTACT, S.AFTERCARE),
    (S.IN_CONTACT, S.CLOSED),
    (S.INTAKE, S.PLAN),
    (S.INTAKE, S.AFTERCARE),
    (S.INTAKE, S.CLOSED),
    (S.PLAN, S.AFTERCARE),
    (S.PLAN, S.CLOSED),
    (S.AFTERCARE, S.CLOSED),
}
EXPECTED_REINTEGRATION = {
    (S.REGISTERED, S.INTAKE),
    (S.REGISTERED, S.CLOSED),
    (S.INTAKE, S.GUIDANCE_PLAN),
    (S.INTAKE, S.CLOSED),
    (S.GUIDANCE_PLAN, S.GUIDANCE),
    (S.GUIDANCE_PLAN, S.CLOSED),
    (S.GUIDANCE, S.CLOSED),
}
AFTERCARE_STATES = [S.REGISTERED, S.IN_CONTACT, S.INTAKE, S.PLAN, S.AFTERCARE, S.CLOSED]
REINTEGRATION_STATES = [S.REGISTERED, S.INTAKE, S.GUIDANCE_PLAN, S.GUIDANCE, S.CLOSED]


def test_the_table_is_the_designed_workflow():
    for programme, expected, states in [
        (Programme.AFTERCARE, EXPECTED_AFTERCARE, AFTERCARE_STATES),
        (Programme.REINTEGRATION, EXPECTED_REINTEGRATION, REINTEGRATION_STATES),
    ]:
        table = {(a, b) for a in states for b in states if workflow.is_allowed(programme, a, b)}
        assert table == expected, programme


def _attempt(trajectory, target, user):
    if target == S.AFTERCARE:
        # Released three weeks into the detention the factory gave the trajectory.
        release_date = trajectory.detention.start_date + datetime.timedelta(days=21)
        return trajectory_register_release(
            trajectory=trajectory, release_date=release_date, user=user
        )
    if target == S.CLOSED:
        return trajectory_close(trajectory=trajectory, reason=ClosingReason.GOALS_MET, user=user)
    return trajectory_transition(trajectory=trajectory, to_status=target, user=user)


@pytest.mark.parametrize(
    ("programme", "states", "expected"),
    [
        (Programme.AFTERCARE, AFTERCARE_STATES, EXPECTED_AFTERCARE),
        (Programme.REINTEGRATION, REINTEGRATION_STATES, EXPECTED_REINTEGRATION),
    ],
)
def test_every_transition_is_allowed_or_refused_as_designed(programme, states, expected):
    user = MembershipFactory().user
    for source in states:
        for target in states:
            trajectory = TrajectoryFactory(
                programme=programme,
                status=source,
            )
            allowed = (source, target) in expected
            if target == S.AFTERCARE and programme == Programme.REINTEGRATION:
                allowed = False
            if source == target == S.AFTERCARE:
                # Registering the release again corrects its date; it is no status change.
                corrected = _attempt(trajectory, target, user)
                assert corrected.status == S.AFTERCARE
                assert not StatusChange.objects.filter(trajectory=trajectory).exists()
                continue
            if allowed:
                changed = _attempt(trajectory, target, user)
                assert changed.status == target
                last = StatusChange.objects.filter(trajectory=trajectory).last()
                assert (last.from_status, last.to_status, last.changed_by) == (
                    source,
                    target,
                    user,
                )
            else:
                with pytest.raises(TransitionRefused):
                    _attempt(trajectory, target, user)
                trajectory.refresh_from_db()
                assert trajectory.status == source
                assert not StatusChange.objects.filter(trajectory=trajectory).exists()


def test_a_refused_step_names_both_states_in_dutch():
    trajectory = TrajectoryFactory(status=S.REGISTERED)
    with pytest.raises(TransitionRefused) as refused:
        trajectory_transition(trajectory=trajectory, to_status=S.PLAN, user=None)
    assert refused.value.message == (
        "Van 'aangemeld' naar 'plan van aanpak' is geen toegestane stap in dit traject."
    )


def test_closing_requires_a_reason():
    trajectory = TrajectoryFactory()
    with pytest.raises(TransitionRefused) as refused:
        trajectory_close(trajectory=trajectory, reason="", user=None)
    assert "reden" in refused.value.message
    trajectory.refresh_from_db()
    assert trajectory.status == S.REGISTERED


def test_the_client_may_decline_at_any_point():
    for status in [S.REGISTERED, S.IN_CONTACT, S.INTAKE, S.PLAN, S.AFTERCARE]:
        trajectory = TrajectoryFactory(status=status)
        closed = trajectory_close(trajectory=trajectory, reason=ClosingReason.DECLINED, user=None)
        assert (closed.status, closed.closing_reason) == (S.CLOSED, "afgezien")


def test_stale_version_is_refused():
    trajectory = TrajectoryFactory(status=S.IN_CONTACT)
    trajectory_transition(trajectory=trajectory, to_status=S.INTAKE, user=None, expected_version=1)
    with pytest.raises(StaleObjectError):
        trajectory_close(
            trajectory=trajectory, reason=ClosingReason.MOVED, user=None, expected_version=1
        )


def test_release_starts_aftercare_for_the_organisations_period():
    # The dates are the test's own, so the detention must start before them on any suite date.
    trajectory = TrajectoryFactory(status=S.PLAN, detention__start_date=D(2026, 9, 1))
    trajectory.organisation.aftercare_months = 4
    trajectory.organisation.save()
    released = trajectory_register_release(
        trajectory=trajectory, release_date=D(2026, 10, 31), user=None
    )
    assert released.status == S.AFTERCARE
    assert released.released_on == D(2026, 10, 31)
    assert released.aftercare_end == D(2027, 2, 28)  # 31 October + 4 months, end of February
    assert released.detention.actual_end == D(2026, 10, 31)


def test_release_before_detention_start_is_refused():
    trajectory = TrajectoryFactory(status=S.PLAN)
    before = trajectory.detention.start_date - datetime.timedelta(days=1)
    with pytest.raises(TransitionRefused):
        trajectory_register_release(trajectory=trajectory, release_date=before, user=None)


def test_first_contact_within_five_working_days_meets_the_deadline():
    user = MembershipFactory().user
    # Wednesday 24 December 2025 + 5 working days = Monday 5 January 2026.
    trajectory = TrajectoryFactory(opened_on=D(2025, 12, 24), first_contact_due=D(2026, 1, 5))
    contact_register(trajectory=trajectory, kind="pi_bezoek", date=D(2026, 1, 5), user=user)
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.first_contact_in_time) == (S.IN_CONTACT, True)


def test_first_contact_after_the_deadline_is_recorded_as_late():
    user = MembershipFactory().user
    trajectory = TrajectoryFactory(opened_on=D(2025, 12, 24), first_contact_due=D(2026, 1, 5))
    contact_register(trajectory=trajectory, kind="telefoon", date=D(2026, 1, 6), user=user)
    trajectory.refresh_from_db()
    assert (trajectory.first_contact_on, trajectory.first_contact_in_time) == (
        D(2026, 1, 6),
        False,
    )


def test_a_contact_in_the_future_is_refused():
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    trajectory = TrajectoryFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError):
        contact_register(
            trajectory=trajectory, kind="telefoon", date=tomorrow, user=MembershipFactory().user
        )
    assert not trajectory.contacts.exists()


def test_a_partner_meeting_is_not_a_first_contact():
    user = MembershipFactory().user
    trajectory = TrajectoryFactory()
    contact_register(
        trajectory=trajectory, kind="ketenpartner", date=trajectory.opened_on, user=user
    )
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.first_contact_on) == (S.REGISTERED, None)


def test_basisvoorwaarden_are_captured_at_intake_release_and_end():
    trajectory = TrajectoryFactory(status=S.INTAKE)
    housing, zorg = [d for d in domains_of(trajectory) if d.code in ("huisvesting", "zorg")]
    domain_assessment_set(trajectory=trajectory, domain=housing, status="hulpvraag")
    domain_assessment_set(
        trajectory=trajectory, domain=zorg, status="geregeld", health_insurance=True
    )
    trajectory_transition(trajectory=trajectory, to_status=S.PLAN, user=None)
    domain_assessment_set(trajectory=trajectory, domain=housing, status="in_behandeling")
    release_date = trajectory.detention.start_date + datetime.timedelta(days=14)
    trajectory_register_release(trajectory=trajectory, release_date=release_date, user=None)
    domain_assessment_set(trajectory=trajectory, domain=housing, status="geregeld")
    trajectory_close(trajectory=trajectory, reason=ClosingReason.GOALS_MET, user=None)

    def status(moment, domain):
        return DomainSnapshot.objects.get(trajectory=trajectory, moment=moment, domain=domain)

    assert status(SnapshotMoment.INTAKE, housing).status == "hulpvraag"
    assert status(SnapshotMoment.RELEASE, housing).status == "in_behandeling"
    assert status(SnapshotMoment.END, housing).status == "geregeld"
    assert status(SnapshotMoment.INTAKE, zorg).health_insurance is True
    assert DomainSnapshot.objects.filter(trajectory=trajectory).count() == 3 * 6


def test_shielded_trajectory_is_only_for_assigned_workers():
    trajectory = TrajectoryFactory(shielded=True)
    organisation = trajectory.organisation
    assigned = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    other = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    chair = MembershipFactory(organisation=organisation, role=Role.TEAM_CHAIR)
    trajectory.coordinator = assigned.user
    trajectory.save()
    from terugkeer.clients.models import Client
    from terugkeer.core.access import scope_for

    def visible(membership):
        scope = scope_for(membership.user, membership)
        return (
            Trajectory.objects.visible_to(scope).filter(pk=trajectory.pk).exists(),
            Client.objects.visible_to(scope).filter(pk=trajectory.client_id).exists(),
        )

    assert visible(assigned) == (True, True)
    assert visible(other) == (False, False)
    assert visible(chair) == (True, True)


ACTIONS = st.lists(
    st.one_of(
        st.sampled_from(list(S)).map(lambda s: ("step", s)),
        st.sampled_from([*ClosingReason, ""]).map(lambda r: ("close", r)),
        st.integers(0, 40).map(lambda d: ("release", d)),
        st.sampled_from(["telefoon", "ketenpartner"]).map(lambda k: ("contact", k)),
    ),
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(programme=st.sampled_from(list(Programme)), actions=ACTIONS)
def test_random_sequences_keep_the_invariants(programme, actions):
    user = MembershipFactory().user
    trajectory = TrajectoryFactory(programme=programme)
    start = trajectory.detention.start_date
    successes = 0
    for kind, value in actions:
        before = Trajectory.objects.get(pk=trajectory.pk).status
        try:
            if kind == "step":
                trajectory_transition(trajectory=trajectory, to_status=value, user=user)
            elif kind == "close":
                trajectory_close(trajectory=trajectory, reason=value, user=user)
            elif kind == "release":
                trajectory_register_release(
                    trajectory=trajectory, release_date=start + relativedelta(days=value), user=user
                )
            else:
                contact_register(
                    trajectory=trajectory,
                    kind=value,
                    date=trajectory.opened_on + datetime.timedelta(days=1),
                    user=user,
                )
        except TransitionRefused:
            pass
        after = Trajectory.objects.get(pk=trajectory.pk).status
        if after != before:
            successes += 1
            assert workflow.is_allowed(programme, before, after)
    final = Trajectory.objects.get(pk=trajectory.pk)
    changes = list(StatusChange.objects.filter(trajectory=trajectory))
    assert len(changes) == successes
    for previous, following in itertools.pairwise(changes):
        assert previous.to_status == following.from_status
    assert final.status == (changes[-1].to_status if changes else S.REGISTERED)
    assert final.status in workflow.statuses_of(programme)
    if final.status == S.CLOSED:
        assert final.closing_reason in ClosingReason.values and final.closed_on is not None
    if final.status == S.AFTERCARE:
        assert final.aftercare_end == final.released_on + relativedelta(
            months=final.organisation.aftercare_months
        )
