"""The intake service: notification → client, detention, trajectory, with matching rules."""

import datetime

import pytest

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.choices import TrajectoryStatus
from terugkeer.cases.intake import (
    IntakeRefused,
    NotificationData,
    Outcome,
    classify_notification,
    notification_register,
)
from terugkeer.cases.models import DefaultCoordinator, Trajectory
from terugkeer.clients.models import Client
from terugkeer.core.roles import Role
from terugkeer.detention.choices import NotificationSource, NotificationStatus
from terugkeer.detention.models import Detention, DetentionNotification

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def organisation():
    municipality = MunicipalityFactory(name="Katwijk", cbs_code="GM0537")
    return OrganisationFactory(name="Stichting Test", municipalities=[municipality])


def begin(**overrides) -> NotificationData:
    values = {
        "kind": "begin",
        "bsn": "111222333",
        "surname": "Jansen",
        "first_names": "Piet Jan",
        "birth_date": D(1990, 5, 17),
        "municipality": "Katwijk",
        "institution": "PI Nieuwegein",
        "detention_start": D(2026, 12, 24),
        "expected_release": D(2027, 3, 1),
        "legal_title": "Preventieve hechtenis",
        "fingerprint": "",
    }
    values.update(overrides)
    return NotificationData(**values)


def register(organisation, data):
    return notification_register(
        organisation=organisation, data=data, source=NotificationSource.IMPORT
    )


def test_begin_creates_client_detention_and_trajectory_due_in_five_working_days(organisation):
    result = register(organisation, begin())
    assert result.classification.outcome == Outcome.NEW_CLIENT
    client = Client.objects.get()
    assert (client.bsn, client.surname, client.initials) == ("111222333", "Jansen", "P.J.")
    detention = Detention.objects.get()
    assert detention.institution.name == "PI Nieuwegein"
    assert detention.legal_title == "preventieve_hechtenis"
    trajectory = Trajectory.objects.get()
    assert trajectory.status == TrajectoryStatus.REGISTERED
    assert trajectory.opened_on == D(2026, 12, 24)
    # Thursday 24 December 2026 + 5 working days (Christmas and New Year skipped).
    assert trajectory.first_contact_due == D(2027, 1, 4)
    assert trajectory.coordinator is None  # no default: the organisation's queue
    assert list(trajectory.notifications.all()) == [DetentionNotification.objects.get()]


def test_default_coordinator_of_the_municipality_gets_the_trajectory(organisation):
    coordinator = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    DefaultCoordinator.objects.create(
        organisation=organisation,
        municipality=organisation.municipalities.get(),
        coordinator=coordinator,
    )
    assert register(organisation, begin()).trajectory.coordinator == coordinator


def test_known_bsn_links_to_the_existing_client_and_its_open_trajectory(organisation):
    first = register(organisation, begin())
    again = register(organisation, begin(detention_start=D(2027, 1, 10), dji_number="X2"))
    assert again.classification.outcome == Outcome.KNOWN_CLIENT
    assert Client.objects.count() == 1
    assert Detention.objects.count() == 2
    assert again.trajectory == first.trajectory and not again.trajectory_created
    assert again.trajectory.notifications.count() == 2


def test_known_bsn_with_other_name_is_held_for_review_and_never_merged(organisation):
    register(organisation, begin())
    result = register(organisation, begin(surname="Pietersen", detention_start=D(2027, 2, 1)))
    assert result.classification.outcome == Outcome.REVIEW
    assert "andere naam of geboortedatum" in result.classification.reason
    # The reason reaches importers and reviewers who may not see the known client (shielded).
    assert "Jansen" not in result.classification.reason
    held = DetentionNotification.objects.get(status=NotificationStatus.REVIEW)
    assert held.surname == "Pietersen"
    assert Client.objects.get().surname == "Jansen"
    assert Detention.objects.count() == 1


def test_other_birth_date_is_also_a_mismatch(organisation):
    register(organisation, begin())
    data = begin(birth_date=D(1991, 5, 17), detention_start=D(2027, 2, 1))
    assert classify_notification(organisation=organisation, data=data).outcome == Outcome.REVIEW


def test_municipality_not_served_is_refused_and_nothing_is_written(organisation):
    MunicipalityFactory(name="Haarlem", cbs_code="GM0392")
    with pytest.raises(IntakeRefused) as refused:
        register(organisation, begin(municipality="Haarlem"))
    assert refused.value.message == "Gemeente 'Haarlem' wordt niet door uw organisatie bediend."
    assert (Client.objects.count(), DetentionNotification.objects.count()) == (0, 0)


def test_municipality_by_cbs_code(organisation):
    assert register(organisation, begin(municipality="gm0537")).trajectory is not None


def test_same_fingerprint_twice_creates_nothing_new(organisation):
    register(organisation, begin(fingerprint="abc"))
    result = register(organisation, begin(fingerprint="abc"))
    assert result.classification.outcome == Outcome.DUPLICATE
    assert (DetentionNotification.objects.count(), Trajectory.objects.count()) == (1, 1)


def test_einde_sets_the_release_on_the_matching_detention(organisation):
    register(organisation, begin(dji_number="DJI-1"))
    result = register(
        organisation,
        begin(kind="einde", dji_number="DJI-1", release_date=D(2027, 2, 20), institution=""),
    )
    assert result.classification.outcome == Outcome.KNOWN_CLIENT
    detention = Detention.objects.get()
    assert detention.actual_end == D(2027, 2, 20)
    assert detention.history.count() == 2  # the change is versioned
    assert result.trajectory.notifications.count() == 2


def test_transfer_changes_the_institution(organisation):
    register(organisation, begin())
    register(organisation, begin(kind="overplaatsing", institution="PI Zwaag"))
    assert Detention.objects.get().institution.name == "PI Zwaag"


def test_einde_without_a_known_client_is_held_for_review(organisation):
    result = register(organisation, begin(kind="einde", release_date=D(2027, 1, 5)))
    assert result.classification.outcome == Outcome.REVIEW
    assert DetentionNotification.objects.get().status == NotificationStatus.REVIEW
    assert Client.objects.count() == 0


def test_einde_without_an_open_detention_is_held_for_review(organisation):
    register(organisation, begin())
    register(organisation, begin(kind="einde", release_date=D(2027, 2, 1)))
    result = register(organisation, begin(kind="einde", release_date=D(2027, 2, 2)))
    assert result.classification.outcome == Outcome.REVIEW
    assert "geen lopende detentie" in result.classification.reason


def test_bsn_is_unique_per_organisation_not_globally(organisation):
    other = OrganisationFactory(municipalities=[organisation.municipalities.get()])
    register(organisation, begin())
    result = register(other, begin())
    assert result.classification.outcome == Outcome.NEW_CLIENT
    assert Client.objects.filter(bsn="111222333").count() == 2
