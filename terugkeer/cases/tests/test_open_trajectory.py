"""Opening a trajectory by hand, without a notification."""

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import (
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
)
from terugkeer.cases.choices import Source, TrajectoryStatus
from terugkeer.cases.models import ProgrammeDefinition, StatusChange, Trajectory
from terugkeer.clients.models import Client
from terugkeer.clients.tests.factories import ClientFactory
from terugkeer.core.roles import Role
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    organisation = OrganisationFactory(municipalities=[MunicipalityFactory(name="Katwijk")])
    ProgrammeDefinition.objects.get(code="reintegratie").organisations.add(organisation)
    return organisation


@pytest.fixture
def coordinator(organisation, verified_client):
    user = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user
    return verified_client(user, organisation)


def test_new_reintegration_participant_gets_a_client_and_a_trajectory(coordinator, organisation):
    municipality = organisation.municipalities.get()
    response = coordinator.post(
        reverse("intake:open_trajectory"),
        {
            "form_token": new_form_token(),
            "programme": "reintegratie",
            "source": Source.PARTNER_REFERRAL,
            "source_note": "Brijder",
            "opened_on": "2026-11-02",
            "bsn": "111222333",
            "surname": "De Vries",
            "birth_date": "1980-04-04",
            "municipality": municipality.pk,
        },
    )
    trajectory = Trajectory.objects.get()
    assert response.url == reverse("dossier:overview", args=[trajectory.pk])
    assert (trajectory.programme, trajectory.status, trajectory.source, trajectory.source_note) == (
        "reintegratie",
        TrajectoryStatus.REGISTERED,
        "verwijzing",
        "Brijder",
    )
    assert Client.objects.get().surname == "De Vries"
    assert StatusChange.objects.get(trajectory=trajectory).to_status == "aangemeld"


def test_programme_not_run_by_the_organisation_is_not_offered(coordinator, organisation):
    page = coordinator.get(reverse("intake:open_trajectory"))
    choices = dict(page.context["form"].fields["programme"].choices)
    assert list(choices) == ["reintegratie"]


def test_existing_client_with_an_open_trajectory_in_the_programme_is_refused(
    coordinator, organisation
):
    client = ClientFactory(organisation=organisation)
    url = reverse("intake:open_trajectory_for_client", args=[client.pk])
    data = {"programme": "reintegratie", "source": "zelfmelding", "opened_on": "2026-11-02"}
    assert coordinator.post(url, {**data, "form_token": new_form_token()}).status_code == 302
    again = coordinator.post(url, {**data, "form_token": new_form_token()})
    assert again.status_code == 200
    assert "al een lopend traject" in again.content.decode()
    assert Trajectory.objects.count() == 1


def test_bsn_already_known_is_refused_on_the_bsn_field(coordinator, organisation):
    ClientFactory(organisation=organisation, bsn="111222333")
    response = coordinator.post(
        reverse("intake:open_trajectory"),
        {
            "form_token": new_form_token(),
            "programme": "reintegratie",
            "source": "zelfmelding",
            "opened_on": "2026-11-02",
            "bsn": "111222333",
            "surname": "X",
            "birth_date": "1980-01-01",
            "municipality": organisation.municipalities.get().pk,
        },
    )
    assert response.context["form"].errors["bsn"]
    assert Trajectory.objects.count() == 0


def test_a_double_click_opens_one_trajectory_for_one_new_client(coordinator, organisation):
    # Without the token the second click came back with "BSN already known" on the form, as if
    # nothing had been registered; now it is recognised as the repeat it is.
    data = {
        "form_token": new_form_token(),
        "programme": "reintegratie",
        "source": "zelfmelding",
        "opened_on": timezone.localdate().isoformat(),
        "bsn": "111222333",
        "surname": "Dubbel",
        "birth_date": "1980-01-01",
        "municipality": organisation.municipalities.get().pk,
    }

    first = coordinator.post(reverse("intake:open_trajectory"), data)
    second = coordinator.post(reverse("intake:open_trajectory"), data, follow=True)

    assert first.status_code == 302
    assert "Dit formulier is al verstuurd en verwerkt" in second.content.decode()
    assert (Client.objects.count(), Trajectory.objects.count()) == (1, 1)
