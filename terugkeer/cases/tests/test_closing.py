"""The final steps with a second look (issue 12): release and closing are confirmed after seeing
what is still open, "doelen bereikt" with an open help request needs a note, a closed trajectory
is read-only, and reopening is an explicit step with a reason in the history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from terugkeer.accounts.tests.factories import MembershipFactory
from terugkeer.cases.choices import TrajectoryStatus, TriageStatus
from terugkeer.cases.lifecycle_services import trajectory_close, trajectory_reopen
from terugkeer.cases.models import Action, Domain, DomainAssessment, StatusChange
from terugkeer.cases.services import TransitionRefused
from terugkeer.cases.tests.factories import TrajectoryFactory
from terugkeer.core.roles import Role

pytestmark = pytest.mark.django_db
S = TrajectoryStatus
DAY = datetime.timedelta(days=1)


@pytest.fixture
def trajectory():
    return TrajectoryFactory(in_contact=True)


@pytest.fixture
def coordinator(trajectory, verified_client):
    user = MembershipFactory(organisation=trajectory.organisation, role=Role.COORDINATOR).user
    client = verified_client(user, trajectory.organisation)
    client.user = user
    return client


def overview(trajectory):
    return reverse("dossier:overview", args=[trajectory.pk])


def triage(trajectory, code, status):
    domain = Domain.objects.get(programme__code=trajectory.programme, code=code)
    DomainAssessment.objects.create(trajectory=trajectory, domain=domain, status=status)


def close_data(trajectory, **extra):
    data = {
        "action": "close",
        "reason": "verhuisd",
        "closed_on": timezone.localdate().isoformat(),
        "version": trajectory.version,
    }
    return data | extra


def test_closing_first_shows_what_is_open_and_changes_nothing(coordinator, trajectory):
    triage(trajectory, "huisvesting", TriageStatus.ARRANGED)
    triage(trajectory, "schulden", TriageStatus.NEED)
    Action.objects.create(trajectory=trajectory, description="Afspraak schuldhulp maken")
    Action.objects.create(trajectory=trajectory, description="ID-kaart ophalen", done_on=None)
    Action.objects.create(
        trajectory=trajectory, description="Al gedaan", done_on=timezone.localdate()
    )

    response = coordinator.post(overview(trajectory), close_data(trajectory))

    html = response.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.status == S.IN_CONTACT  # nothing happened yet
    confirm = response.context["confirm"]
    # Six basisvoorwaarden, one arranged: the other five are open (four not triaged yet).
    assert confirm.open.domains == [
        "ID-bewijs",
        "Werk & inkomen",
        "Schulden",
        "Zorg",
        "Sociaal netwerk",
    ]
    assert confirm.open.needs == ["Schulden"]
    assert confirm.open.actions == ["Afspraak schuldhulp maken", "ID-kaart ophalen"]
    assert confirm.open.aftercare_until is None  # not released
    assert "Ja, traject afsluiten" in html
    assert "2 acties niet gedaan" in html and "Al gedaan" not in html
    assert 'name="confirmed" value="1"' in html


def test_the_confirmed_closing_closes(coordinator, trajectory):
    response = coordinator.post(overview(trajectory), close_data(trajectory, confirmed="1"))

    assert response.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.closing_reason) == (S.CLOSED, "verhuisd")


def test_closing_during_aftercare_says_it_still_runs(coordinator, trajectory):
    today = timezone.localdate()
    trajectory.released_on = today - 10 * DAY
    trajectory.aftercare_end = today + 20 * DAY
    trajectory.status = S.AFTERCARE
    trajectory.save()

    response = coordinator.post(overview(trajectory), close_data(trajectory))

    assert response.context["confirm"].open.aftercare_until == today + 20 * DAY
    expected = f"De nazorg loopt nog tot {(today + 20 * DAY):%d-%m-%Y}."
    assert expected in response.content.decode()


def test_goals_met_with_an_open_help_request_needs_a_note(coordinator, trajectory):
    triage(trajectory, "huisvesting", TriageStatus.IN_PROGRESS)
    triage(trajectory, "zorg", TriageStatus.NEED)

    refused = coordinator.post(
        overview(trajectory), close_data(trajectory, reason="doelen_bereikt")
    )
    with_note = coordinator.post(
        overview(trajectory),
        close_data(trajectory, reason="doelen_bereikt", note="Zorg loopt via de huisarts."),
    )

    errors = refused.context["forms"]["close"].non_field_errors()
    assert errors == [
        "‘Doelen bereikt’ terwijl er nog een hulpvraag open staat (Huisvesting, Zorg): licht "
        "dat toe in het veld Toelichting."
    ]
    assert refused.context["confirm"] is None
    assert with_note.context["confirm"].title.startswith("Traject afsluiten op")


def test_goals_met_without_a_note_is_refused_by_the_service_too(trajectory):
    triage(trajectory, "schulden", TriageStatus.NEED)

    with pytest.raises(TransitionRefused, match="Schulden"):
        trajectory_close(trajectory=trajectory, reason="doelen_bereikt", user=None)
    trajectory.refresh_from_db()
    assert trajectory.status == S.IN_CONTACT


def test_release_is_confirmed_and_prefilled_with_the_expected_date(coordinator, trajectory):
    today = timezone.localdate()
    trajectory = TrajectoryFactory(
        client__organisation=trajectory.organisation,
        in_contact=True,
        detention__expected_end=today + 3 * DAY,
    )
    coordinator_client = coordinator

    page = coordinator_client.get(overview(trajectory))
    first = coordinator_client.post(
        overview(trajectory),
        {
            "action": "release",
            "release_date": (today + 3 * DAY).isoformat(),
            "version": trajectory.version,
        },
    )

    assert page.context["forms"]["release"].initial["release_date"] == today + 3 * DAY
    assert page.context["release_plausible"] is True
    assert "release-folded" not in page.content.decode()
    trajectory.refresh_from_db()
    assert trajectory.released_on is None
    assert first.context["confirm"].title == (
        f"Vrijlating op {(today + 3 * DAY):%d-%m-%Y} registreren?"
    )


def test_a_release_weeks_ahead_is_folded_away(coordinator, trajectory):
    today = timezone.localdate()
    trajectory = TrajectoryFactory(
        client__organisation=trajectory.organisation,
        in_contact=True,
        detention__expected_end=today + 15 * DAY,
    )
    soon = TrajectoryFactory(
        client__organisation=trajectory.organisation,
        in_contact=True,
        detention__expected_end=today + 14 * DAY,
    )

    far = coordinator.get(overview(trajectory))
    near = coordinator.get(overview(soon))

    assert far.context["release_plausible"] is False
    assert 'data-testid="release-folded"' in far.content.decode()
    assert near.context["release_plausible"] is True


def test_a_closed_trajectory_is_read_only(coordinator, trajectory):
    trajectory_close(trajectory=trajectory, reason="verhuisd", user=None)
    trajectory.refresh_from_db()

    page = coordinator.get(overview(trajectory))
    post = coordinator.post(
        reverse("dossier:triage", args=[trajectory.pk]),
        {"domain": "1", "d1-status": "hulpvraag", "d1-version": "0"},
    )
    contact = coordinator.post(reverse("dossier:contacts", args=[trajectory.pk]), {})

    assert page.status_code == 200 and page.context["can_change"] is False
    assert "Dit traject is afgesloten" in page.content.decode()
    assert page.context["can_reopen"] is True
    assert post.status_code == 403 and contact.status_code == 403
    assert "Heropen het traject" in post.content.decode()
    assert not DomainAssessment.objects.filter(trajectory=trajectory).exists()


def test_reopening_needs_a_reason_and_returns_to_the_step_it_was_closed_from(
    coordinator, trajectory
):
    trajectory_close(trajectory=trajectory, reason="verhuisd", user=None)
    trajectory.refresh_from_db()

    without = coordinator.post(
        overview(trajectory), {"action": "reopen", "reason": " ", "version": trajectory.version}
    )
    reopened = coordinator.post(
        overview(trajectory),
        {"action": "reopen", "reason": "Toch niet verhuisd.", "version": trajectory.version},
    )

    assert without.status_code == 200 and without.context["forms"]["reopen"].errors
    assert reopened.status_code == 302
    trajectory.refresh_from_db()
    assert (trajectory.status, trajectory.closing_reason, trajectory.closed_on) == (
        S.IN_CONTACT,
        "",
        None,
    )
    last = StatusChange.objects.filter(trajectory=trajectory).last()
    assert (last.from_status, last.to_status, last.note, last.changed_by) == (
        S.CLOSED,
        S.IN_CONTACT,
        "Toch niet verhuisd.",
        coordinator.user,
    )


def test_reopening_is_refused_while_another_trajectory_is_open(trajectory):
    trajectory_close(trajectory=trajectory, reason="verhuisd", user=None)
    TrajectoryFactory(client=trajectory.client, detention=None)

    with pytest.raises(TransitionRefused, match="al een lopend traject"):
        trajectory_reopen(trajectory=trajectory, reason="Vergissing", user=None)
    trajectory.refresh_from_db()
    assert trajectory.status == S.CLOSED


def test_a_team_chair_reads_a_closed_trajectory_but_cannot_reopen_it(verified_client, trajectory):
    trajectory_close(trajectory=trajectory, reason="verhuisd", user=None)
    trajectory.refresh_from_db()
    chair = MembershipFactory(organisation=trajectory.organisation, role=Role.TEAM_CHAIR).user
    client = verified_client(chair, trajectory.organisation)

    page = client.get(overview(trajectory))
    post = client.post(
        overview(trajectory),
        {"action": "reopen", "reason": "Waarom niet", "version": trajectory.version},
    )

    assert page.status_code == 200 and page.context["can_reopen"] is False
    assert post.status_code == 403
    trajectory.refresh_from_db()
    assert trajectory.status == S.CLOSED
