"""The synthetic dataset at tiny scale: counts, invariants, determinism and the query guards."""

import datetime

import pytest
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from terugkeer.accounts.models import Membership, Municipality, Organisation, User
from terugkeer.assessments.models import DomainScore, Measurement
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.models import Contact, DomainSnapshot, StatusChange, Trajectory
from terugkeer.clients.models import Client
from terugkeer.core.calendar import add_working_days
from terugkeer.core.roles import Role
from terugkeer.core.validators import is_valid_bsn
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.synthetic.generator import (
    BENCH_COORDINATOR_EMAIL,
    BENCH_POLICY_ADVISOR_EMAIL,
    BENCH_TEAM_CHAIR_EMAIL,
    ORGANISATION_SUFFIX,
    SCALES,
    dataset_digest,
    generate_dataset,
)
from terugkeer.testing import login_verified

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
TINY = SCALES["tiny"]


@pytest.fixture
def tiny():
    return generate_dataset(scale="tiny", seed=7, today=TODAY)


@pytest.fixture
def largest(tiny):
    return (
        Organisation.objects.annotate(n=Count("trajectory"))
        .filter(name__endswith=ORGANISATION_SUFFIX)
        .order_by("-n")
        .first()
    )


def test_tiny_scale_has_the_specified_counts(tiny, largest):
    assert Organisation.objects.filter(name__endswith=ORGANISATION_SUFFIX).count() == 4
    # The 12 served municipalities are picked from the 342 CBS reference rows.
    assert Municipality.objects.count() == 342
    assert Municipality.objects.filter(organisations__isnull=False).distinct().count() == 12
    # Every municipality is served by exactly one organisation.
    served = Organisation.municipalities.through.objects.values("municipality").annotate(
        n=Count("id")
    )
    assert sorted(row["n"] for row in served) == [1] * 12
    assert Client.objects.count() == TINY.clients == 200
    assert Detention.objects.count() == DetentionNotification.objects.count() == 300
    assert Trajectory.objects.count() == TINY.notifications == 300
    assert Trajectory.objects.filter(organisation=largest).count() == 120
    # Contacts and measurements land near their targets (they follow the simulated workflow).
    assert 0.7 * TINY.contacts <= Contact.objects.count() <= 1.3 * TINY.contacts
    assert 0.6 * TINY.measurements <= Measurement.objects.count() <= 1.4 * TINY.measurements
    assert DomainScore.objects.count() == 13 * Measurement.objects.count()
    assert tiny.tables["cases.Trajectory"].rows == 300


def test_every_trajectory_has_its_client_and_notification(tiny):
    assert not Trajectory.objects.filter(notifications__isnull=True).exists()
    assert not Trajectory.objects.filter(detention__isnull=True).exists()
    assert not Trajectory.objects.exclude(notifications__client=F("client")).exists()
    assert not Trajectory.objects.exclude(detention__client=F("client")).exists()
    assert not Trajectory.objects.exclude(client__organisation=F("organisation")).exists()
    assert not DetentionNotification.objects.exclude(bsn=F("client__bsn")).exists()
    # Repeat detentions: some clients have more than one trajectory.
    assert Client.objects.annotate(n=Count("trajectories")).filter(n__gt=1).exists()


def test_denormalised_fields_follow_the_workflow(tiny):
    bsns = list(Client.objects.values_list("bsn", flat=True))
    assert all(is_valid_bsn(bsn) for bsn in bsns)
    assert len(set(bsns)) == len(bsns)
    closed = Trajectory.objects.filter(status=TrajectoryStatus.CLOSED)
    assert closed.exists()
    assert not closed.filter(Q(closed_on__isnull=True) | Q(closing_reason="")).exists()
    assert not Trajectory.objects.open().exclude(closed_on__isnull=True).exists()
    assert not Trajectory.objects.filter(
        released_on__isnull=False, aftercare_end__isnull=True
    ).exists()
    assert not Trajectory.objects.filter(
        status=TrajectoryStatus.AFTERCARE, released_on=None
    ).exists()
    for trajectory in Trajectory.objects.prefetch_related("status_changes"):
        assert trajectory.first_contact_due == add_working_days(trajectory.opened_on, 5)
        steps = list(trajectory.status_changes.all())
        assert steps[0].to_status == TrajectoryStatus.REGISTERED
        assert steps[-1].to_status == trajectory.status
        assert [s.from_status for s in steps[1:]] == [s.to_status for s in steps[:-1]]
        assert all(trajectory.opened_on <= s.effective_on <= TODAY for s in steps)
    # A released trajectory has a snapshot of the six basisvoorwaarden at release.
    released = Trajectory.objects.filter(released_on__isnull=False)
    assert released.exists()
    assert DomainSnapshot.objects.filter(moment="vrijlating").count() == 6 * released.count()
    assert StatusChange.objects.count() >= Trajectory.objects.count()


def test_bench_users_belong_to_the_largest_organisation(tiny, largest):
    roles = dict(
        Membership.objects.filter(
            organisation=largest,
            user__email__in=[
                BENCH_COORDINATOR_EMAIL,
                BENCH_TEAM_CHAIR_EMAIL,
                BENCH_POLICY_ADVISOR_EMAIL,
            ],
        ).values_list("user__email", "role")
    )
    assert roles == {
        BENCH_COORDINATOR_EMAIL: Role.COORDINATOR,
        BENCH_TEAM_CHAIR_EMAIL: Role.TEAM_CHAIR,
        BENCH_POLICY_ADVISOR_EMAIL: Role.POLICY_ADVISOR,
    }
    assert Trajectory.objects.filter(coordinator__email=BENCH_COORDINATOR_EMAIL).exists()
    # Every organisation has a user for every role.
    for organisation in Organisation.objects.filter(name__endswith=ORGANISATION_SUFFIX):
        held = set(
            Membership.objects.filter(organisation=organisation).values_list("role", flat=True)
        )
        assert held == set(Role.values)


def _digest_of_a_run(seed: int) -> str:
    """Generate into a savepoint, digest, roll back: each run starts from the same state."""
    with transaction.atomic():
        generate_dataset(scale="tiny", seed=seed, today=TODAY)
        digest = dataset_digest()
        transaction.set_rollback(True)
    return digest


def test_the_same_seed_gives_the_same_dataset():
    first = _digest_of_a_run(11)
    assert not Client.objects.exists()  # the savepoint was rolled back
    assert _digest_of_a_run(11) == first
    assert _digest_of_a_run(12) != first


def test_query_count_guards_hold_on_the_tiny_dataset(
    client, tiny, largest, django_assert_max_num_queries
):
    coordinator = User.objects.get(email=BENCH_COORDINATOR_EMAIL)
    http = login_verified(client, coordinator, largest)
    http.get(reverse("core:home"))  # warm the session
    http.get(reverse("cases:all"))  # and the content-type cache the access log uses
    # The same ceiling as the worklist guard in cases/tests/test_worklists.py (one query of it is
    # the insert of the page's access-log rows).
    for name in ("cases:new", "cases:mine", "cases:all"):
        with django_assert_max_num_queries(13):
            response = http.get(reverse(name))
        assert response.status_code == 200
    assert len(http.get(reverse("cases:all")).context["trajectories"]) == 50
    # Client search: the ceiling of the search guard in clients/tests/test_client_pages.py.
    surname = Client.objects.filter(organisation=largest).order_by("pk").first().surname
    with django_assert_max_num_queries(12):
        response = http.get(reverse("clients:search"), {"q": surname})
    assert response.status_code == 200
    # Dossier tabs: the one with the most contacts needs no more queries than the fewest.
    visible = Trajectory.objects.filter(organisation=largest, shielded=False).annotate(
        n=Count("contacts")
    )
    few, many = visible.order_by("n", "pk").first(), visible.order_by("-n", "pk").first()
    assert many.n > few.n
    for name in ("dossier:overview", "dossier:triage", "dossier:contacts"):
        with CaptureQueriesContext(connection) as baseline:
            http.get(reverse(name, args=[few.pk]))
        with django_assert_max_num_queries(len(baseline)):
            assert http.get(reverse(name, args=[many.pk])).status_code == 200
