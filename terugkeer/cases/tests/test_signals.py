"""Signals ("Wat vraagt aandacht"): each on the right day around Christmas 2026, scoped, bounded."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.assessments.tests.factories import measure
from terugkeer.cases.choices import Programme, TrajectoryStatus, TriageStatus
from terugkeer.cases.models import Action, Domain, DomainAssessment
from terugkeer.cases.signal_providers import (
    ACTIONS_OVERDUE,
    AFTERCARE_ENDING,
    FIRST_CONTACT_OVERDUE,
    RELEASE_NOT_READY,
)
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.access import Scope
from terugkeer.core.calendar import add_working_days
from terugkeer.core.roles import Role
from terugkeer.core.signals_registry import signals_for

pytestmark = pytest.mark.django_db

D = datetime.date
CHRISTMAS = D(2026, 12, 25)


def _scope(organisation, role=Role.COORDINATOR, user=None) -> Scope:
    if user is None:
        user = MembershipFactory(organisation=organisation, role=role).user
    return Scope(user=user, organisation=organisation, role=role)


def _codes(scope, today, code=None) -> list[tuple[str, int]]:
    return [
        (s.code, s.trajectory_id)
        for s in signals_for(scope=scope, today=today)
        if code is None or s.code == code
    ]


def _trajectory(organisation, **kwargs):
    # No expected release unless a test sets one: the factory's default is relative to today.
    kwargs.setdefault("detention__expected_end", None)
    return TrajectoryFactory(client=ClientFactory(organisation=organisation), **kwargs)


def _settle_all_but(trajectory, *open_codes: str) -> None:
    for domain in Domain.objects.filter(programme__code=Programme.AFTERCARE):
        if domain.code not in open_codes:
            DomainAssessment.objects.create(
                trajectory=trajectory, domain=domain, status=TriageStatus.ARRANGED
            )


@pytest.fixture
def organisation():
    return OrganisationFactory()


def test_first_contact_overdue_the_day_after_the_working_day_deadline_over_christmas(
    organisation,
):
    # Given a melding on Monday 21 December 2026: five working days skip Christmas and the weekend
    opened = D(2026, 12, 21)
    due = add_working_days(opened, 5)
    assert due == D(2026, 12, 29)
    trajectory = _trajectory(organisation, opened_on=opened, first_contact_due=due)
    scope = _scope(organisation)
    # Then the signal appears on the 30th, not on the deadline itself
    assert _codes(scope, D(2026, 12, 29), FIRST_CONTACT_OVERDUE) == []
    assert _codes(scope, D(2026, 12, 30), FIRST_CONTACT_OVERDUE) == [
        (FIRST_CONTACT_OVERDUE, trajectory.pk)
    ]
    # And a first contact ends it
    trajectory.first_contact_on = D(2026, 12, 30)
    trajectory.status = TrajectoryStatus.IN_CONTACT
    trajectory.save()
    assert _codes(scope, D(2026, 12, 31), FIRST_CONTACT_OVERDUE) == []


def test_release_with_open_basisvoorwaarden_from_14_calendar_days_before_until_the_day(
    organisation,
):
    # Given a release expected on Christmas Day with housing still open
    trajectory = _trajectory(organisation, in_contact=True, detention__expected_end=CHRISTMAS)
    _settle_all_but(trajectory, "huisvesting")
    DomainAssessment.objects.create(
        trajectory=trajectory,
        domain=Domain.objects.get(programme__code=Programme.AFTERCARE, code="huisvesting"),
        status=TriageStatus.IN_PROGRESS,
    )
    scope = _scope(organisation)
    # Then: calendar days, so 11 December (14 days before) yes, 10 December no, 26th no
    assert _codes(scope, D(2026, 12, 10), RELEASE_NOT_READY) == []
    assert _codes(scope, D(2026, 12, 11), RELEASE_NOT_READY) == [(RELEASE_NOT_READY, trajectory.pk)]
    assert _codes(scope, CHRISTMAS, RELEASE_NOT_READY) == [(RELEASE_NOT_READY, trajectory.pk)]
    assert _codes(scope, D(2026, 12, 26), RELEASE_NOT_READY) == []
    [signal] = [s for s in signals_for(scope=scope, today=D(2026, 12, 20))]
    assert signal.title == "Vrijlating op 25-12-2026, 1 basisvoorwaarde niet geregeld"


def test_release_signal_counts_missing_assessments_and_ends_when_all_are_settled(organisation):
    missing = _trajectory(organisation, in_contact=True, detention__expected_end=CHRISTMAS)
    ready = _trajectory(organisation, in_contact=True, detention__expected_end=CHRISTMAS)
    _settle_all_but(ready)
    released = _trajectory(
        organisation,
        in_contact=True,
        detention__expected_end=CHRISTMAS,
        released_on=D(2026, 12, 20),
    )
    reintegration = _trajectory(
        organisation,
        in_contact=True,
        programme=Programme.REINTEGRATION,
        detention__expected_end=CHRISTMAS,
    )
    scope = _scope(organisation)
    signals = [s for s in signals_for(scope=scope, today=D(2026, 12, 18))]
    assert [(s.code, s.trajectory_id) for s in signals] == [(RELEASE_NOT_READY, missing.pk)]
    assert signals[0].title == "Vrijlating op 25-12-2026, 6 basisvoorwaarden niet geregeld"
    assert {released.pk, reintegration.pk, ready.pk}.isdisjoint({s.trajectory_id for s in signals})


def test_aftercare_ending_within_14_calendar_days(organisation):
    trajectory = _trajectory(
        organisation,
        in_contact=True,
        status=TrajectoryStatus.AFTERCARE,
        released_on=D(2026, 10, 8),
        aftercare_end=D(2027, 1, 8),
    )
    scope = _scope(organisation)
    assert _codes(scope, D(2026, 12, 24), AFTERCARE_ENDING) == []
    assert _codes(scope, D(2026, 12, 25), AFTERCARE_ENDING) == [(AFTERCARE_ENDING, trajectory.pk)]
    assert _codes(scope, D(2027, 1, 8), AFTERCARE_ENDING) == [(AFTERCARE_ENDING, trajectory.pk)]
    assert _codes(scope, D(2027, 1, 9), AFTERCARE_ENDING) == []


def test_actions_overdue_one_signal_per_trajectory_the_day_after_the_due_date(organisation):
    trajectory = _trajectory(organisation, in_contact=True)
    for due in (D(2026, 12, 24), D(2026, 12, 28)):
        Action.objects.create(trajectory=trajectory, description="ID aanvragen", due_date=due)
    Action.objects.create(
        trajectory=trajectory, description="Gedaan", due_date=D(2026, 12, 1), done_on=D(2026, 12, 2)
    )
    closed = _trajectory(organisation, closed=True)
    Action.objects.create(trajectory=closed, description="Oud", due_date=D(2026, 12, 1))
    scope = _scope(organisation)
    assert _codes(scope, D(2026, 12, 24), ACTIONS_OVERDUE) == []
    [signal] = signals_for(scope=scope, today=D(2026, 12, 25))
    assert (signal.code, signal.trajectory_id, signal.due) == (
        ACTIONS_OVERDUE,
        trajectory.pk,
        D(2026, 12, 24),
    )
    assert signal.title == "1 actie over de datum"
    assert (signal.severity, signal.severity_label) == ("hoog", "urgent")  # overdue is urgent
    [signal] = signals_for(scope=scope, today=D(2026, 12, 29))
    assert signal.title == "2 acties over de datum"


def test_zrm_followup_signal_on_the_due_day_not_the_day_before(organisation):
    trajectory = _trajectory(organisation, in_contact=True)
    measure(trajectory, {"financien": 2}, measured_on=D(2026, 6, 25))
    scope = _scope(organisation)
    assert _codes(scope, D(2026, 12, 24), "zrm_vervolgmeting") == []
    assert _codes(scope, CHRISTMAS, "zrm_vervolgmeting") == [("zrm_vervolgmeting", trajectory.pk)]


def test_signal_links_to_the_dossier_and_names_the_client(organisation):
    trajectory = _trajectory(organisation, overdue=True)
    [signal] = signals_for(scope=_scope(organisation), today=datetime.date.today())
    assert signal.url == reverse("dossier:overview", args=[trajectory.pk])
    assert signal.client_name == trajectory.client.display_name
    assert signal.client_id == trajectory.client_id


def test_shielded_trajectories_of_colleagues_and_other_organisations_do_not_leak(organisation):
    today = datetime.date.today()
    colleague = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    me = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    shielded = _trajectory(organisation, overdue=True, coordinator=colleague, shielded=True)
    open_case = _trajectory(organisation, overdue=True, coordinator=colleague)
    mine_shielded = _trajectory(organisation, overdue=True, substitute=me, shielded=True)
    _trajectory(OrganisationFactory(), overdue=True)
    mine = _scope(organisation, user=me)
    assert {s.trajectory_id for s in signals_for(scope=mine, today=today)} == {
        open_case.pk,
        mine_shielded.pk,
    }
    theirs = _scope(organisation, user=colleague)
    assert shielded.pk in {s.trajectory_id for s in signals_for(scope=theirs, today=today)}
    chair = _scope(organisation, Role.TEAM_CHAIR)
    assert {s.trajectory_id for s in signals_for(scope=chair, today=today)} == {
        shielded.pk,
        open_case.pk,
        mine_shielded.pk,
    }
    for role in (Role.MENTOR, Role.POLICY_ADVISOR, Role.FUNCTIONAL_ADMIN, Role.PRIVACY_OFFICER):
        assert signals_for(scope=_scope(organisation, role), today=today) == []
    assert signals_for(scope=None, today=today) == []


def _one_of_each(organisation, coordinator) -> None:
    _trajectory(
        organisation,
        opened_on=D(2026, 12, 1),
        first_contact_due=D(2026, 12, 8),
        coordinator=coordinator,
    )
    _trajectory(
        organisation, in_contact=True, coordinator=coordinator, detention__expected_end=CHRISTMAS
    )
    _trajectory(
        organisation,
        in_contact=True,
        coordinator=coordinator,
        status=TrajectoryStatus.AFTERCARE,
        released_on=D(2026, 10, 1),
        aftercare_end=D(2027, 1, 1),
    )
    with_action = _trajectory(organisation, in_contact=True, coordinator=coordinator)
    Action.objects.create(trajectory=with_action, description="Bellen", due_date=D(2026, 12, 1))
    with_zrm = _trajectory(organisation, in_contact=True, coordinator=coordinator)
    measure(with_zrm, {"financien": 2}, measured_on=D(2026, 6, 1))


def test_query_count_does_not_grow_with_the_caseload(organisation, django_assert_max_num_queries):
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    scope = _scope(organisation, user=coordinator)
    today = D(2026, 12, 20)
    _one_of_each(organisation, coordinator)
    _one_of_each(organisation, coordinator)
    with CaptureQueriesContext(connection) as small:
        assert len(signals_for(scope=scope, today=today)) == 10
    for _ in range(8):
        _one_of_each(organisation, coordinator)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(signals_for(scope=scope, today=today)) == 50
    # A fixed number per provider (at most two: cases' five signals share a query or two), not
    # per row; each programme app that registers a provider adds its own.
    from terugkeer.core.signals_registry import _providers

    coordinator_providers = [p for p, roles in _providers.items() if Role.COORDINATOR in roles]
    assert len(small.captured_queries) <= 2 * len(coordinator_providers)
