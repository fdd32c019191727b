"""DESIGN.md §5: the team chair reads every case and approves; changing casework is the
coordinator's, so a chair changes only where their membership says they are also a coordinator."""

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.models import Contact, Goal
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Action, Scope
from terugkeer.core.roles import Role
from terugkeer.testing import new_form_token

pytestmark = pytest.mark.django_db


def contact_data() -> dict:
    return {
        "kind": "pi_bezoek",
        "date": timezone.localdate().isoformat(),
        "notes": "Kennismaking",
        "form_token": new_form_token(),
    }


@pytest.fixture
def trajectory():
    return TrajectoryFactory()


def chair_client(verified_client, trajectory, *, also_coordinator: bool):
    membership = MembershipFactory(
        organisation=trajectory.organisation,
        role=Role.TEAM_CHAIR,
        also_coordinator=also_coordinator,
    )
    return verified_client(membership.user, trajectory.organisation)


def test_a_chair_reads_the_dossier_without_forms(verified_client, trajectory):
    client = chair_client(verified_client, trajectory, also_coordinator=False)
    for name in ("dossier:overview", "dossier:contacts", "dossier:triage", "plan:detail"):
        response = client.get(reverse(name, args=[trajectory.pk]))
        html = response.content.decode()
        assert response.status_code == 200, name
        assert 'data-testid="read-only"' in html, name
        assert "casuïstiek wijzigen is aan de coördinator" in html, name
    overview = client.get(reverse("dossier:overview", args=[trajectory.pk])).content.decode()
    assert "Status wijzigen" not in overview
    contacts = client.get(reverse("dossier:contacts", args=[trajectory.pk])).content.decode()
    assert "Contactmoment vastleggen" not in contacts


def test_a_chair_cannot_change_casework(verified_client, trajectory):
    client = chair_client(verified_client, trajectory, also_coordinator=False)
    response = client.post(reverse("dossier:contacts", args=[trajectory.pk]), contact_data())
    assert response.status_code == 403
    assert "casuïstiek wijzigen is aan de coördinator" in response.content.decode()
    assert not Contact.objects.exists()
    goal = client.post(
        reverse("plan:goal_create", args=[trajectory.pk]),
        {"description": "Woning vinden", "form_token": new_form_token()},
    )
    assert goal.status_code == 403
    assert not Goal.objects.exists()


def test_a_chair_who_is_also_coordinator_changes_like_a_coordinator(verified_client, trajectory):
    client = chair_client(verified_client, trajectory, also_coordinator=True)
    response = client.post(reverse("dossier:contacts", args=[trajectory.pk]), contact_data())
    assert response.status_code == 302
    assert Contact.objects.filter(trajectory=trajectory).count() == 1
    page = client.get(reverse("dossier:contacts", args=[trajectory.pk])).content.decode()
    assert 'data-testid="read-only"' not in page


def test_also_coordinator_does_not_open_a_shielded_case_for_change(trajectory):
    trajectory.shielded = True
    trajectory.save()
    chair = MembershipFactory(
        organisation=trajectory.organisation, role=Role.TEAM_CHAIR, also_coordinator=True
    )
    scope = Scope(
        user=chair.user,
        organisation=chair.organisation,
        role=Role.TEAM_CHAIR,
        also_coordinator=True,
    )
    # The chair reads it (every case), but changes it only as its coordinator would: assigned.
    assert scope.can(Action.VIEW, trajectory)
    assert not scope.can(Action.CHANGE, trajectory)
    trajectory.substitute = chair.user
    trajectory.save()
    assert scope.can(Action.CHANGE, trajectory)


def test_also_coordinator_means_nothing_for_other_roles(trajectory):
    advisor = MembershipFactory(organisation=trajectory.organisation, role=Role.POLICY_ADVISOR)
    scope = Scope(
        user=advisor.user,
        organisation=advisor.organisation,
        role=Role.POLICY_ADVISOR,
        also_coordinator=True,
    )
    assert scope.roles == frozenset({Role.POLICY_ADVISOR})
    assert not scope.can(Action.VIEW, trajectory)
    assert not scope.can(Action.CHANGE, trajectory)


def test_a_chair_reads_the_intake_but_does_not_register_or_open(verified_client, trajectory):
    from terugkeer.clients.models import Client
    from terugkeer.detention.models import DetentionNotification

    client = chair_client(verified_client, trajectory, also_coordinator=False)
    assert client.get(reverse("intake:review")).status_code == 200
    assert client.get(reverse("intake:register")).status_code == 200
    before = (Client.objects.count(), DetentionNotification.objects.count())

    registered = client.post(reverse("intake:register"), {"bsn": "111222333", "surname": "Smit"})
    opened = client.post(
        reverse("intake:open_trajectory"),
        {"bsn": "111222333", "surname": "Smit", "programme": "reintegratie"},
    )

    assert (registered.status_code, opened.status_code) == (403, 403)
    assert "dat is aan de coördinator" in registered.content.decode()
    assert (Client.objects.count(), DetentionNotification.objects.count()) == before
