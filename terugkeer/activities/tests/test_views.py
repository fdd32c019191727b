"""The activities pages over HTTP: consent on the tab, the card list marked sent, the labels
PDF with the right addresses, a walk recorded with who was there, the klantreis."""

import subprocess  # pdftotext (poppler-utils, installed by .ci/run)

import pytest
from django.urls import reverse
from django.utils.html import escape

from terugkeer.accounts.tests.factories import MembershipFactory, OrganisationFactory
from terugkeer.activities.models import ActivitySession, CardMailing, CardSubscription
from terugkeer.activities.tests.factories import (
    AttendanceFactory,
    CardSubscriptionFactory,
    days_ago,
    participant,
)
from terugkeer.cases.timeline import client_journey
from terugkeer.core.access import scope_for
from terugkeer.core.roles import Role
from terugkeer.detention.tests.factories import DetentionFactory
from terugkeer.mentoring.tests.factories import MentorFactory

pytestmark = pytest.mark.django_db


def _member(organisation, role=Role.COORDINATOR):
    return MembershipFactory(organisation=organisation, role=role).user


def _token(response):
    return response.context["form"].initial["form_token"]


def test_consent_given_on_the_tab_puts_the_participant_on_the_list(verified_client):
    trajectory = participant(OrganisationFactory(foundation=True))
    client = verified_client(_member(trajectory.organisation), trajectory.organisation)
    url = reverse("activities:consent", args=[trajectory.pk])

    response = client.post(
        url,
        {"change": "gegeven", "on": days_ago(0).isoformat(), "form_token": _token(client.get(url))},
    )

    assert response.status_code == 302
    assert CardSubscription.objects.get().trajectory == trajectory
    page = client.get(reverse("activities:card_list")).content.decode()
    assert escape(trajectory.client.display_name) in page


def test_the_card_list_is_marked_sent_and_the_team_chair_may_not(verified_client):
    trajectory = participant(OrganisationFactory(foundation=True))
    CardSubscriptionFactory(trajectory=trajectory)
    organisation = trajectory.organisation
    data = {"sent_on": days_ago(0).isoformat(), "trajectories": [trajectory.pk]}

    chair = verified_client(_member(organisation, Role.TEAM_CHAIR), organisation)
    assert chair.post(reverse("activities:card_list"), data).status_code == 403
    assert not CardMailing.objects.exists()

    coordinator = verified_client(_member(organisation), organisation)
    assert coordinator.post(reverse("activities:card_list"), data).status_code == 302
    mailing = CardMailing.objects.get()
    assert (mailing.trajectory, mailing.month, mailing.sent_on) == (
        trajectory,
        days_ago(0).replace(day=1),
        days_ago(0),
    )


def test_the_labels_pdf_holds_the_pi_address_and_nobody_without_consent(verified_client, tmp_path):
    organisation = OrganisationFactory(foundation=True)
    inside = participant(organisation, client__surname="Binnenmans")
    detention = DetentionFactory(client=inside.client, dji_number="DJI777001")
    CardSubscriptionFactory(trajectory=inside)
    participant(organisation, client__surname="Zondertoestemming")
    client = verified_client(_member(organisation), organisation)

    response = client.get(reverse("activities:card_labels_pdf"))

    assert response["Content-Type"] == "application/pdf"
    pdf = tmp_path / "labels.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["/usr/bin/pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Binnenmans" in text and "DJI777001" in text and detention.institution.name in text
    assert "Zondertoestemming" not in text


def test_a_walk_is_recorded_with_participants_and_mentors_and_shows_on_the_klantreis(
    verified_client,
):
    organisation = OrganisationFactory(foundation=True)
    walker = participant(organisation)
    mentor = MentorFactory(organisation=organisation)
    user = _member(organisation)
    client = verified_client(user, organisation)
    url = reverse("activities:session_create")
    data = {
        "kind": "wandelproject",
        "title": "Rondje Katwijk",
        "held_on": days_ago(1).isoformat(),
        "place": "Katwijk",
        "partner": "Wandelvereniging De Duinlopers",
        "participants": [walker.pk],
        "mentors": [mentor.pk],
        "form_token": _token(client.get(url)),
    }

    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double click records nothing twice

    session = ActivitySession.objects.get()
    assert [a.trajectory for a in session.attendances.all()] == [walker]
    assert list(session.mentors.all()) == [mentor]
    membership = MembershipFactory(organisation=organisation, role=Role.COORDINATOR)
    events = client_journey(scope=scope_for(membership.user, membership), trajectory=walker)
    assert [(e.date, e.kind) for e in events if e.kind == "activity"] == [(days_ago(1), "activity")]


def test_a_session_of_another_organisation_is_not_found(verified_client):
    attendance = AttendanceFactory()
    other = OrganisationFactory()
    client = verified_client(_member(other), other)
    response = client.get(reverse("activities:session_detail", args=[attendance.session_id]))
    assert response.status_code == 404


def test_a_month_in_the_future_or_garbage_shows_this_month_with_a_message(verified_client):
    organisation = OrganisationFactory(foundation=True)
    client = verified_client(_member(organisation), organisation)
    this_month = days_ago(0).replace(day=1)
    next_year = f"{this_month.year + 1}-{this_month.month:02d}"

    for value in (next_year, "maart"):
        response = client.get(reverse("activities:card_list"), {"maand": value})
        assert response.context["month"] == this_month
        assert "Maand: kies een maand tot en met deze maand" in response.content.decode()


def test_the_client_page_shows_the_card_consent_and_activities(verified_client):
    attendance = AttendanceFactory()
    trajectory = attendance.trajectory
    CardSubscriptionFactory(trajectory=trajectory, on=days_ago(12))
    client = verified_client(_member(trajectory.organisation), trajectory.organisation)

    page = client.get(reverse("clients:detail", args=[trajectory.client_id])).content.decode()

    assert 'data-testid="client-activities"' in page
    assert f"Toestemming gegeven op {days_ago(12):%d-%m-%Y}" in page
    assert "1 activiteit bijgewoond." in page
