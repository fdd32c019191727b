"""Security: the notifications and detentions of a shielded (afgeschermd) client stay hidden.

Regression test of a confirmed leak: a coordinator not assigned to a shielded trajectory could
open ``/meldingen/<pk>/`` (200, with the BSN) because notifications ignored shielding.
"""

import pytest
from django.urls import reverse

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.access import Scope
from terugkeer.core.roles import Role
from terugkeer.detention.models import Detention, DetentionNotification
from terugkeer.detention.tests.factories import DetentionNotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shielded():
    trajectory = TrajectoryFactory(shielded=True, client__bsn="111222333")
    trajectory.coordinator = MembershipFactory(
        organisation=trajectory.organisation, role=Role.COORDINATOR
    ).user
    trajectory.save()
    return trajectory


def _rows(notification):
    return DetentionNotification.objects.filter(pk=notification.pk).values().get()


def test_an_unassigned_coordinator_gets_404_without_the_bsn(verified_client, shielded):
    notification = DetentionNotificationFactory(detention=shielded.detention)
    before = _rows(notification)
    outsider = MembershipFactory(organisation=shielded.organisation, role=Role.COORDINATOR).user
    client = verified_client(outsider, shielded.organisation)
    url = reverse("intake:notification", kwargs={"notification_pk": notification.pk})

    page = client.get(url)
    posted = client.post(url, {"surname": "Gewijzigd", "version": notification.version})

    assert page.status_code == 404
    assert "111222333" not in page.content.decode()
    assert posted.status_code == 404
    assert _rows(notification) == before


def test_the_assigned_coordinator_still_opens_the_notification(verified_client, shielded):
    notification = DetentionNotificationFactory(detention=shielded.detention)
    client = verified_client(shielded.coordinator, shielded.organisation)
    url = reverse("intake:notification", kwargs={"notification_pk": notification.pk})

    page = client.get(url)

    assert page.status_code == 200
    assert "111222333" in page.content.decode()


def test_detentions_and_notifications_follow_the_clients_visibility(shielded):
    organisation = shielded.organisation
    notification = DetentionNotificationFactory(detention=shielded.detention)
    unmatched = DetentionNotificationFactory(
        detention=None, client=None, organisation=organisation, bsn="123456782"
    )
    outsider = MembershipFactory(organisation=organisation, role=Role.COORDINATOR).user

    def visible(role, user):
        scope = Scope(user=user, organisation=organisation, role=role)
        return (
            Detention.objects.visible_to(scope).filter(pk=shielded.detention.pk).exists(),
            set(DetentionNotification.objects.visible_to(scope).values_list("pk", flat=True)),
        )

    assert visible(Role.COORDINATOR, shielded.coordinator) == (
        True,
        {notification.pk, unmatched.pk},
    )
    # The intake queue (not yet matched) stays visible; the shielded client's rows do not.
    assert visible(Role.COORDINATOR, outsider) == (False, {unmatched.pk})
    assert visible(Role.TEAM_CHAIR, outsider) == (True, {notification.pk, unmatched.pk})
    assert visible(Role.MENTOR, outsider) == (False, set())


# --- shielding is the person's: their other, ordinary trajectory does not open them up ----------


@pytest.fixture
def also_ordinary(shielded):
    """The shielded client's second, ordinary trajectory (another programme), unassigned."""
    return TrajectoryFactory(
        client=shielded.client,
        organisation=shielded.organisation,
        programme="reintegratie",
        shielded=False,
    )


def test_the_ordinary_trajectory_of_a_shielded_person_stays_hidden(
    verified_client, shielded, also_ordinary
):
    outsider = MembershipFactory(organisation=shielded.organisation, role=Role.COORDINATOR).user
    client = verified_client(outsider, shielded.organisation)

    dossier = client.get(reverse("dossier:overview", args=[also_ordinary.pk]))
    listed = client.get(reverse("cases:all"))
    found = client.get(reverse("clients:search"), {"q": "111222333"})

    assert dossier.status_code == 404
    assert "111222333" not in dossier.content.decode()
    assert also_ordinary.pk not in [t.pk for t in listed.context["trajectories"]]
    assert list(found.context["clients"]) == []


def test_who_works_on_the_ordinary_trajectory_keeps_it(verified_client, shielded, also_ordinary):
    worker = MembershipFactory(organisation=shielded.organisation, role=Role.COORDINATOR).user
    also_ordinary.coordinator = worker
    also_ordinary.save()
    scope = Scope(user=worker, organisation=shielded.organisation, role=Role.COORDINATOR)
    client = verified_client(worker, shielded.organisation)

    assert client.get(reverse("dossier:overview", args=[also_ordinary.pk])).status_code == 200
    assert client.get(reverse("clients:detail", args=[shielded.client_id])).status_code == 200
    # ... but the shielded trajectory itself stays closed to them.
    assert not scope.can("view", shielded)
    assert client.get(reverse("dossier:overview", args=[shielded.pk])).status_code == 404


def test_an_old_closed_case_does_not_keep_a_shielded_person_in_view(verified_client, shielded):
    former = MembershipFactory(organisation=shielded.organisation, role=Role.COORDINATOR).user
    TrajectoryFactory(
        client=shielded.client, organisation=shielded.organisation, coordinator=former, closed=True
    )
    client = verified_client(former, shielded.organisation)

    page = client.get(reverse("clients:detail", args=[shielded.client_id]))

    assert page.status_code == 404
    assert "111222333" not in page.content.decode()
